package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A run as a listing shows it: every column of {@code workflow_runs} but the unbounded ones
 * ({@code input_args}, {@code input_kwargs}, {@code result} and the context), which a listing
 * never reads. pyworkflow's {@code list_runs} selects the same columns.
 *
 * @param runId the run's id
 * @param workflowName the workflow's name
 * @param status the run's status
 * @param createdAt when the run was created
 * @param updatedAt when the run last changed
 * @param startedAt when the run started, if it has
 * @param completedAt when the run reached a terminal status, if it has
 * @param error the error text, if any
 * @param idempotencyKey its idempotency key, if any
 * @param maxDuration the maximum duration text, if any
 * @param recoveryAttempts how often the run was recovered after a worker loss
 * @param maxRecoveryAttempts how often the run may be recovered
 * @param recoverOnWorkerLoss whether the run is recovered after a worker loss
 * @param parentRunId the parent run of a child workflow, if any
 * @param nestingDepth how deep this run is nested below its root run
 * @param continuedFromRunId the run this one continues as new, if any
 * @param continuedToRunId the run that continues this one as new, if any
 * @since 0.3.0
 */
public record RunSummary(String runId, String workflowName, RunStatus status, Instant createdAt, Instant updatedAt,
		@Nullable Instant startedAt, @Nullable Instant completedAt, @Nullable String error,
		@Nullable String idempotencyKey, @Nullable String maxDuration, int recoveryAttempts, int maxRecoveryAttempts,
		boolean recoverOnWorkerLoss, @Nullable String parentRunId, int nestingDepth,
		@Nullable String continuedFromRunId, @Nullable String continuedToRunId) {

	public RunSummary {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		createdAt = Micros.truncate(createdAt);
		updatedAt = Micros.truncate(updatedAt);
		startedAt = Micros.truncate(startedAt);
		completedAt = Micros.truncate(completedAt);
	}

	/**
	 * The summary of a run.
	 * @param run the run
	 * @return its summary
	 */
	public static RunSummary of(WorkflowRun run) {
		return new RunSummary(run.runId(), run.workflowName(), run.status(), run.createdAt(), run.updatedAt(),
				run.startedAt(), run.completedAt(), run.error(), run.idempotencyKey(), run.maxDuration(),
				run.recoveryAttempts(), run.maxRecoveryAttempts(), run.recoverOnWorkerLoss(), run.parentRunId(),
				run.nestingDepth(), run.continuedFromRunId(), run.continuedToRunId());
	}

}
