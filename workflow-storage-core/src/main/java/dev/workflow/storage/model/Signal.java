package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A signal published to a stream, as stored in {@code signals}.
 *
 * <p>
 * Signals are numbered 0, 1, 2, ... per stream run, across the streams that share it, as
 * pyworkflow numbers them. pyworkflow stores a signal of no stream run under the stream run id
 * {@value #PYWORKFLOW_NO_STREAM_RUN} (its key column cannot be NULL); this model shows it as a
 * {@code null} {@link #streamRunId()}, and the storage refuses that text as a real stream run id.
 *
 * @param signalId the signal's id
 * @param streamId the stream it was published to
 * @param streamRunId the stream run it belongs to, or {@code null} for none
 * @param sequence its number within its stream run
 * @param signalType the signal's type, such as {@code task.created}
 * @param payload the payload, a JSON object text as PostgreSQL's {@code jsonb} gives it back
 * @param publishedAt when it was published
 * @param sourceRunId the workflow run that published it, if any
 * @param metadata metadata as JSON object text
 * @since 0.3.0
 */
public record Signal(String signalId, String streamId, @Nullable String streamRunId, int sequence, String signalType,
		String payload, Instant publishedAt, @Nullable String sourceRunId, String metadata) {

	/**
	 * The stream run id pyworkflow stores for a signal of no stream run.
	 */
	public static final String PYWORKFLOW_NO_STREAM_RUN = "__none__";

	public Signal {
		Objects.requireNonNull(publishedAt, "publishedAt");
		publishedAt = Micros.truncate(publishedAt);
		payload = Objects.requireNonNullElse(payload, "{}");
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

}
