package dev.workflow.storage.store;

import java.time.Instant;

import dev.workflow.storage.model.RetentionPass;

/**
 * Where a backend deletes what retention no longer keeps. Arguments arrive checked.
 *
 * @since 0.3.0
 */
public interface RetentionStore {

	/**
	 * Deletes the runs in a final status last updated before {@code olderThan}, with everything
	 * that belongs to them, at most {@code batchSize} runs a transaction, then the old stream rows
	 * and soft-deleted schedules; or nothing, when another pass of the same data is running.
	 * @param olderThan the cutoff
	 * @param batchSize the most runs one transaction deletes
	 * @return what the pass deleted
	 */
	RetentionPass deleteOldRuns(Instant olderThan, int batchSize);

}
