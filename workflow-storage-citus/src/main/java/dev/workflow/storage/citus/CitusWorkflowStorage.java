package dev.workflow.storage.citus;

import java.time.Clock;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.postgres.ExpectedSequences;
import dev.workflow.storage.postgres.JdbcEventRepository;
import dev.workflow.storage.postgres.JdbcRepositories;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link WorkflowStorage} on Citus (distributed PostgreSQL), in the tables of
 * {@link CitusSchemaMigrator}'s changelog.
 *
 * <p>
 * It runs the PostgreSQL backend's statements, every run-scoped one naming {@code run_id} so
 * Citus routes it to one shard, and replaces only the runs and hooks SQL, whose global
 * uniqueness (idempotency keys, hook tokens) needs a key table on Citus. Appenders that lose the
 * race for a run's next sequence queue on the run's lock at once: every attempt crosses the
 * coordinator, so retrying plainly would cost more than waiting.
 *
 * @since 0.1.0
 */
public class CitusWorkflowStorage extends PostgresWorkflowStorage {

	// Citus keeps no foreign key from events to runs (pyworkflow records a schedule's events under
	// the schedule's id): an append reads its run, on the same shard, and inserts nothing without it.
	private static final String APPEND_EVENT = """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT ?, ?, COALESCE(MAX(e.sequence), -1) + 1, ?, ?, ?, ?
			FROM workflow_runs r LEFT JOIN events e ON e.run_id = r.run_id
			WHERE r.run_id = ? GROUP BY r.run_id
			RETURNING sequence""";

	private static final String APPEND_EVENTS = """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT batch.event_id, ?, next.sequence + batch.ord - 1, batch.type, batch.ts, batch.data, batch.step_id
			FROM (SELECT COALESCE(MAX(e.sequence), -1) + 1 AS sequence
					FROM workflow_runs r LEFT JOIN events e ON e.run_id = r.run_id
					WHERE r.run_id = ? GROUP BY r.run_id) AS next,
				unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
					WITH ORDINALITY AS batch(event_id, type, ts, data, step_id, ord)
			RETURNING sequence""";

	// Runs whose next sequence is remembered, so their appends are single-shard INSERT ... VALUES.
	private static final int EXPECTED_SEQUENCE_RUNS = 10_000;

	public CitusWorkflowStorage(DataSource dataSource) {
		this(dataSource, Clock.systemUTC());
	}

	public CitusWorkflowStorage(DataSource dataSource, Clock clock) {
		this(dataSource, clock, EventTypes.pyworkflow());
	}

	/**
	 * A storage that records the given event types.
	 * @param dataSource the coordinator
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 */
	public CitusWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes) {
		super(repositories(new JdbcTemplate(dataSource), clock), eventTypes);
	}

	private static JdbcRepositories repositories(JdbcTemplate jdbcTemplate, Clock clock) {
		JdbcRepositories postgres = JdbcRepositories.postgres(jdbcTemplate, clock);
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(jdbcTemplate.getDataSource()));
		return postgres.with(
				new CitusRunRepository(postgres.jdbc(), clock, postgres.undecodableRows(), transactions),
				new JdbcEventRepository(jdbcTemplate, 0, APPEND_EVENT, APPEND_EVENTS,
						new ExpectedSequences(EXPECTED_SEQUENCE_RUNS)),
				new CitusHookRepository(postgres.jdbc(), clock, postgres.undecodableRows(), transactions));
	}

}
