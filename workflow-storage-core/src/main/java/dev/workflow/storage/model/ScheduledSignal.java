package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A signal to publish when it is due, as stored in {@code scheduled_signals}.
 *
 * @param id its id: {@code sched_} and 16 hexadecimal digits, as pyworkflow makes them
 * @param streamId the stream it will be published to
 * @param signalType the signal's type
 * @param payload the payload, a JSON object text as {@code jsonb} gives it back
 * @param dueAt when it is due
 * @param streamRunId the stream run it will belong to, if any
 * @param metadata metadata as JSON object text
 * @param delivered whether it was published
 * @param createdAt when it was scheduled
 * @since 0.3.0
 */
public record ScheduledSignal(String id, String streamId, String signalType, String payload, Instant dueAt,
		@Nullable String streamRunId, String metadata, boolean delivered, Instant createdAt) {

	public ScheduledSignal {
		Objects.requireNonNull(dueAt, "dueAt");
		Objects.requireNonNull(createdAt, "createdAt");
		dueAt = Micros.truncate(dueAt);
		createdAt = Micros.truncate(createdAt);
		payload = Objects.requireNonNullElse(payload, "{}");
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

}
