package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One execution of a step of a run, as stored in {@code steps}.
 *
 * @param stepId the step's id
 * @param runId the run the step belongs to
 * @param stepName the step's name
 * @param status the step's status
 * @param createdAt when the step was created
 * @param startedAt when the step started, if it has
 * @param completedAt when the step reached a terminal status, if it has
 * @param inputArgs positional arguments as JSON text
 * @param inputKwargs keyword arguments as JSON text
 * @param result the result as JSON text, if any
 * @param error the error text, if any
 * @param attempt the attempt number, starting at 1 (column {@code retry_count})
 * @since 0.1.0
 */
public record Step(String stepId, String runId, String stepName, StepStatus status, Instant createdAt,
		@Nullable Instant startedAt, @Nullable Instant completedAt, String inputArgs, String inputKwargs,
		@Nullable String result, @Nullable String error, int attempt) {

	public Step {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		createdAt = Micros.truncate(createdAt);
		startedAt = Micros.truncate(startedAt);
		completedAt = Micros.truncate(completedAt);
		inputArgs = Objects.requireNonNullElse(inputArgs, "[]");
		inputKwargs = Objects.requireNonNullElse(inputKwargs, "{}");
	}

	/**
	 * A pending first attempt of a step, created at {@code createdAt}, without arguments.
	 * @param stepId the step's id
	 * @param runId the run the step belongs to
	 * @param stepName the step's name
	 * @param createdAt when the step was created
	 * @return the step
	 */
	public static Step pending(String stepId, String runId, String stepName, Instant createdAt) {
		return new Step(stepId, runId, stepName, StepStatus.PENDING, createdAt, null, null, "[]", "{}", null, null, 1);
	}

}
