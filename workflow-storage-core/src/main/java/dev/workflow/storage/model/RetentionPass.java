package dev.workflow.storage.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one pass of {@code deleteOldRuns} deleted.
 *
 * @param runs how many runs it deleted
 * @param rows how many rows it deleted from each table, in the order it deletes them (runs
 * included, under {@code workflow_runs})
 * @param batches how many transactions of runs it committed
 * @param skipped whether it deleted nothing because another pass of this storage's database was
 * running
 * @since 0.3.0
 */
public record RetentionPass(long runs, Map<String, Long> rows, int batches, boolean skipped) {

	public RetentionPass {
		rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
	}

	/**
	 * A pass that did not run because another one was running.
	 * @return the pass
	 */
	public static RetentionPass skippedPass() {
		return new RetentionPass(0, Map.of(), 0, true);
	}

	/**
	 * How many rows the pass deleted from a table.
	 * @param table the table, such as {@code events}
	 * @return the count, 0 for a table it did not touch
	 */
	public long rowsOf(String table) {
		return this.rows.getOrDefault(table, 0L);
	}

}
