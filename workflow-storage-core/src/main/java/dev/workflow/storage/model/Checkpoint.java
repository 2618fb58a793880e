package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

/**
 * The saved state of a stream step, as stored in {@code checkpoints}.
 *
 * @param stepRunId the stream step's run id
 * @param data the state, a JSON object text as {@code jsonb} gives it back
 * @param createdAt when it was first saved
 * @param updatedAt when it was last saved
 * @since 0.3.0
 */
public record Checkpoint(String stepRunId, String data, Instant createdAt, Instant updatedAt) {

	public Checkpoint {
		Objects.requireNonNull(data, "data");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		createdAt = Micros.truncate(createdAt);
		updatedAt = Micros.truncate(updatedAt);
	}

}
