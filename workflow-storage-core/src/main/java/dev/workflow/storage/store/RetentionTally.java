package dev.workflow.storage.store;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.workflow.storage.model.RetentionPass;

/**
 * Counts what one retention pass deletes, table by table in the order every backend deletes
 * them, so each backend reports its pass the same way.
 *
 * @since 0.3.0
 */
public final class RetentionTally {

	/**
	 * The tables a pass deletes from, in its order: what belongs to a run, the run, then the
	 * stream rows and schedules that are old in their own right.
	 */
	public static final String[] TABLES = { "checkpoints", "events", "steps", "hooks", "cancellation_flags",
			"workflow_runs", "scheduled_signals", "signals", "signal_acknowledgments", "stream_subscriptions",
			"schedules" };

	private final Map<String, Long> rows = new LinkedHashMap<>();

	private int batches;

	public RetentionTally() {
		for (String table : TABLES) {
			this.rows.put(table, 0L);
		}
	}

	/**
	 * Counts rows deleted from a table.
	 * @param table the table
	 * @param deleted how many rows
	 */
	public void deleted(String table, long deleted) {
		this.rows.merge(table, deleted, Long::sum);
	}

	/**
	 * Counts a committed batch of runs and what it deleted.
	 * @param batch what the batch deleted, by table
	 */
	public void committed(Map<String, Long> batch) {
		batch.forEach(this::deleted);
		this.batches++;
	}

	/**
	 * The pass so far.
	 * @return the pass
	 */
	public RetentionPass pass() {
		return new RetentionPass(this.rows.get("workflow_runs"), this.rows, this.batches, false);
	}

}
