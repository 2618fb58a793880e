package dev.workflow.storage.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps workflow runs. Arguments arrive checked; refusals are thrown as
 * {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface RunStore {

	/**
	 * Inserts a run.
	 * @param run the run
	 * @throws Rejection if its id or idempotency key is taken, or its parent run does not exist
	 */
	void insert(WorkflowRun run);

	Optional<WorkflowRun> find(String runId);

	/**
	 * The run holding an idempotency key: where several do (written by other clients), the
	 * earliest.
	 * @param idempotencyKey the key
	 * @return the run
	 */
	Optional<WorkflowRun> findByIdempotencyKey(String idempotencyKey);

	/**
	 * Changes a run's status, keeping its result, error and completion time where none is given.
	 * @throws Rejection if the run does not exist
	 */
	void updateStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error);

	/**
	 * Changes a run's status if it has {@code fromStatus}.
	 * @return whether it did
	 */
	boolean claim(String runId, RunStatus fromStatus, RunStatus toStatus);

	/**
	 * @throws Rejection if the run does not exist
	 */
	void updateRecoveryAttempts(String runId, int recoveryAttempts);

	/**
	 * @throws Rejection if the run does not exist
	 */
	void updateContext(String runId, String context);

	/**
	 * @throws Rejection if the run does not exist
	 */
	void updateContinuation(String runId, String continuedToRunId);

	/**
	 * A page of runs, newest first.
	 * @throws Rejection if the filter's cursor is unknown
	 */
	RunPage list(RunFilter filter);

	/**
	 * A page of run summaries, newest first, reading none of the unbounded columns.
	 * @throws Rejection if the filter's cursor is unknown
	 */
	RunSummaryPage listSummaries(RunFilter filter);

	/**
	 * How many runs were created in the window, by status.
	 */
	RunCounts count(@Nullable Instant createdFrom, @Nullable Instant createdBefore);

	/**
	 * A run's children, oldest first.
	 */
	List<WorkflowRun> children(String parentRunId, @Nullable RunStatus status);

}
