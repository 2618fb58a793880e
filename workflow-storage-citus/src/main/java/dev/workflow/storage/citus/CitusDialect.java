package dev.workflow.storage.citus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.postgres.AppendPolicy;
import dev.workflow.storage.postgres.JdbcDialect;
import dev.workflow.storage.postgres.KeyTables;
import dev.workflow.storage.postgres.SchemaMigration;

/**
 * Citus (distributed PostgreSQL), in the tables of {@link CitusSchemaMigrator}'s changelog:
 * every run-scoped table distributed on {@code run_id}, idempotency keys and hook tokens kept
 * unique by tables distributed on them, and appends that Citus routes to one shard.
 *
 * @since 0.2.0
 */
public final class CitusDialect implements JdbcDialect {

	/**
	 * The dialect.
	 */
	public static final CitusDialect INSTANCE = new CitusDialect();

	// Citus keeps no foreign key from events to runs (pyworkflow records a schedule's events under
	// the schedule's id): an append reads its run, on the same shard, and inserts nothing without
	// it. Every attempt crosses the coordinator, so appenders that lose the race for a run's next
	// sequence queue on the run's lock at once rather than retry plainly.
	private static final AppendPolicy APPEND_POLICY = new AppendPolicy("""
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT ?, ?, COALESCE(MAX(e.sequence), -1) + 1, ?, ?, ?, ?
			FROM workflow_runs r LEFT JOIN events e ON e.run_id = r.run_id
			WHERE r.run_id = ? GROUP BY r.run_id
			RETURNING sequence""", """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT batch.event_id, ?, next.sequence + batch.ord - 1, batch.type, batch.ts, batch.data, batch.step_id
			FROM (SELECT COALESCE(MAX(e.sequence), -1) + 1 AS sequence
					FROM workflow_runs r LEFT JOIN events e ON e.run_id = r.run_id
					WHERE r.run_id = ? GROUP BY r.run_id) AS next,
				unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
					WITH ORDINALITY AS batch(event_id, type, ts, data, step_id, ord)
			RETURNING sequence""", 0, 10_000);

	private static final KeyTables KEY_TABLES = new KeyTables(
			"INSERT INTO workflow_idempotency_keys (idempotency_key, run_id) VALUES (?, ?)",
			"SELECT run_id FROM workflow_idempotency_keys WHERE idempotency_key = ?",
			List.of("workflow_idempotency_keys_pkey"),
			"INSERT INTO hook_tokens (token, run_id, hook_id) VALUES (?, ?, ?)",
			"SELECT run_id, hook_id FROM hook_tokens WHERE token = ?",
			List.of("hook_tokens_pkey", "hooks_run_id_token_key"),
			"DELETE FROM workflow_idempotency_keys WHERE idempotency_key = ANY (?) AND run_id = ANY (?)",
			"DELETE FROM hook_tokens WHERE token = ANY (?) AND run_id = ANY (?)");

	private CitusDialect() {
	}

	@Override
	public String name() {
		return "citus";
	}

	@Override
	public AppendPolicy appendPolicy() {
		return APPEND_POLICY;
	}

	@Override
	public KeyTables keyTables() {
		return KEY_TABLES;
	}

	@Override
	public SchemaMigration schemaMigration(DataSource dataSource, Duration lockTimeout) {
		return new CitusSchemaMigrator(dataSource, lockTimeout);
	}

	/**
	 * The Citus version, the active workers and whether every table is distributed: down when one
	 * is not, since its writes would not be spread, nor its keys checked across shards. Every query
	 * reads the coordinator's metadata, so the check stays cheap.
	 */
	@Override
	public StorageHealth health(DataSource dataSource) {
		CitusMetadata citus = new CitusMetadata(dataSource);
		List<String> undistributed = citus.undistributedTables();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("citusVersion", citus.requireVersion());
		details.put("activeWorkers", citus.activeWorkerCount());
		details.put("allTablesDistributed", undistributed.isEmpty());
		if (!undistributed.isEmpty()) {
			details.put("undistributedTables", undistributed);
		}
		return new StorageHealth(undistributed.isEmpty(), details);
	}

}
