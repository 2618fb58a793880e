package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;

/**
 * A {@link WorkflowStorage} on plain PostgreSQL, in pyworkflow's tables (see
 * {@link SchemaMigrator} for creating them). Its statements run under
 * {@link JdbcWorkflowStorage#DEFAULT_STATEMENT_TIMEOUT} unless it is given another.
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

	/**
	 * A storage that records the given event types, whose statements the server cancels after the
	 * given time.
	 * @param dataSource the database
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 * @param statementTimeout how long one statement may run, in whole seconds rounded up;
	 * {@link Duration#ZERO} for no limit
	 * @since 0.2.0
	 */
	public PostgresWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes,
			Duration statementTimeout) {
		super(dataSource, clock, eventTypes, PostgresDialect.INSTANCE, statementTimeout);
	}

}
