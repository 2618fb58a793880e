package dev.workflow.storage.dashboard;

import java.time.Instant;

import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

/**
 * A run's page header: status, times, duration, error, idempotency key and recovery.
 *
 * @param runId its id
 * @param workflowName its workflow
 * @param status its status badge
 * @param ended whether it has ended for good
 * @param created when it was created
 * @param started when it started, or empty
 * @param completed when it completed, or empty
 * @param updated when it last changed
 * @param duration how long it ran, or has run
 * @param idempotencyKey its idempotency key, or {@code null}
 * @param recoveryAttempts how often it was recovered
 * @param maxRecoveryAttempts how often it may be
 * @param recoverOnWorkerLoss whether it is recovered after a worker loss
 * @param maxDuration its maximum duration, or {@code null}
 * @param nestingDepth how deep it is nested
 * @param error its error, or {@code null}
 */
record RunHeader(String runId, String workflowName, StatusBadge status, boolean ended, String created,
		String started, String completed, String updated, String duration, @Nullable String idempotencyKey,
		int recoveryAttempts, int maxRecoveryAttempts, boolean recoverOnWorkerLoss, @Nullable String maxDuration,
		int nestingDepth, @Nullable ShownValue error) {

	static RunHeader of(WorkflowRun run, DashboardLinks links, Instant now) {
		return new RunHeader(run.runId(), run.workflowName(), StatusBadge.of(run.status()), run.status().hasEnded(),
				Times.shown(run.createdAt()), Times.shown(run.startedAt()), Times.shown(run.completedAt()),
				Times.shown(run.updatedAt()),
				RunTimes.duration(run.status(), run.startedAt(), run.completedAt(), run.updatedAt(), now),
				run.idempotencyKey(), run.recoveryAttempts(), run.maxRecoveryAttempts(), run.recoverOnWorkerLoss(),
				run.maxDuration(), run.nestingDepth(), ShownValue.textOrNull(run.error(), links.runValue(run.runId(), "error")));
	}

}
