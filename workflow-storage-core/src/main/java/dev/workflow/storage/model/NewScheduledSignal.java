package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A signal to publish later: the store gives it an id and keeps it until it is due.
 *
 * @param streamId the stream it will be published to
 * @param signalType the signal's type
 * @param payload the payload, a JSON object text
 * @param dueAt when it is due
 * @param streamRunId the stream run it will belong to, or {@code null} for none
 * @param metadata metadata as JSON object text
 * @since 0.3.0
 */
public record NewScheduledSignal(String streamId, String signalType, String payload, Instant dueAt,
		@Nullable String streamRunId, String metadata) {

	public NewScheduledSignal {
		Objects.requireNonNull(dueAt, "dueAt");
		dueAt = Micros.truncate(dueAt);
		payload = Objects.requireNonNullElse(payload, "{}");
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

	/**
	 * A signal due at a time, in no stream run, without metadata.
	 * @param streamId the stream
	 * @param signalType the signal's type
	 * @param payload the payload, a JSON object text
	 * @param dueAt when it is due
	 * @return the signal
	 */
	public static NewScheduledSignal of(String streamId, String signalType, String payload, Instant dueAt) {
		return new NewScheduledSignal(streamId, signalType, payload, dueAt, null, "{}");
	}

	public NewScheduledSignal inStreamRun(@Nullable String streamRunId) {
		return new NewScheduledSignal(this.streamId, this.signalType, this.payload, this.dueAt, streamRunId,
				this.metadata);
	}

	public NewScheduledSignal withMetadata(String metadata) {
		return new NewScheduledSignal(this.streamId, this.signalType, this.payload, this.dueAt, this.streamRunId,
				metadata);
	}

}
