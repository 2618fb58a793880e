package dev.workflow.storage.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A signal to publish to a stream: the store numbers it within its stream run and stamps it with
 * its clock, giving the {@link Signal} that readers see.
 *
 * @param signalId the signal's id
 * @param streamId the stream it is published to
 * @param streamRunId the stream run it belongs to, or {@code null} for none
 * @param signalType the signal's type, such as {@code task.created}
 * @param payload the payload, a JSON object text
 * @param sourceRunId the workflow run that published it, if any
 * @param metadata metadata as JSON object text
 * @since 0.3.0
 */
public record NewSignal(String signalId, String streamId, @Nullable String streamRunId, String signalType,
		String payload, @Nullable String sourceRunId, String metadata) {

	public NewSignal {
		payload = Objects.requireNonNullElse(payload, "{}");
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

	/**
	 * A signal of no stream run, source run or metadata.
	 * @param signalId the signal's id
	 * @param streamId the stream it is published to
	 * @param signalType the signal's type
	 * @param payload the payload, a JSON object text
	 * @return the signal
	 */
	public static NewSignal of(String signalId, String streamId, String signalType, String payload) {
		return new NewSignal(signalId, streamId, null, signalType, payload, null, "{}");
	}

	/**
	 * This signal in a stream run.
	 * @param streamRunId the stream run, or {@code null} for none
	 * @return a copy in that stream run
	 */
	public NewSignal inStreamRun(@Nullable String streamRunId) {
		return new NewSignal(this.signalId, this.streamId, streamRunId, this.signalType, this.payload,
				this.sourceRunId, this.metadata);
	}

	/**
	 * This signal as published by a workflow run.
	 * @param sourceRunId the run, or {@code null} for none
	 * @return a copy with that source
	 */
	public NewSignal fromRun(@Nullable String sourceRunId) {
		return new NewSignal(this.signalId, this.streamId, this.streamRunId, this.signalType, this.payload,
				sourceRunId, this.metadata);
	}

	/**
	 * This signal with metadata.
	 * @param metadata a JSON object text
	 * @return a copy with that metadata
	 */
	public NewSignal withMetadata(String metadata) {
		return new NewSignal(this.signalId, this.streamId, this.streamRunId, this.signalType, this.payload,
				this.sourceRunId, metadata);
	}

}
