package dev.workflow.storage.dashboard;

import java.time.Instant;

import dev.workflow.storage.model.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * How long a run ran: to its completion, to its last change once it ended without completing
 * (continued as new, interrupted), or until now while it goes on.
 */
final class RunTimes {

	private RunTimes() {
	}

	static String duration(RunStatus status, @Nullable Instant startedAt, @Nullable Instant completedAt,
			Instant updatedAt, Instant now) {
		if (startedAt == null) {
			return "";
		}
		if (completedAt != null) {
			return Times.between(startedAt, completedAt);
		}
		return Times.between(startedAt, status.hasEnded() ? updatedAt : now);
	}

}
