package dev.workflow.storage.postgres;

import java.time.Clock;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;

/**
 * A {@link WorkflowStorage} on plain PostgreSQL, in pyworkflow's tables (see
 * {@link SchemaMigrator} for creating them).
 *
 * @since 0.1.0
 */
public final class PostgresWorkflowStorage extends JdbcWorkflowStorage {

	public PostgresWorkflowStorage(DataSource dataSource) {
		this(dataSource, Clock.systemUTC());
	}

	public PostgresWorkflowStorage(DataSource dataSource, Clock clock) {
		this(dataSource, clock, EventTypes.pyworkflow());
	}

	/**
	 * A storage that records the given event types.
	 * @param dataSource the database
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 */
	public PostgresWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes) {
		super(dataSource, clock, eventTypes, PostgresDialect.INSTANCE);
	}

}
