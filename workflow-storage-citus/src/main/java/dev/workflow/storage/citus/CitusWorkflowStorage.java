package dev.workflow.storage.citus;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.postgres.JdbcWorkflowStorage;

/**
 * A {@link WorkflowStorage} on Citus (distributed PostgreSQL), in the tables of
 * {@link CitusSchemaMigrator}'s changelog, as {@link CitusDialect} describes them. Its statements
 * run under {@link JdbcWorkflowStorage#DEFAULT_STATEMENT_TIMEOUT} unless it is given another.
 *
 * @since 0.1.0
 */
public final class CitusWorkflowStorage extends JdbcWorkflowStorage {

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
		super(dataSource, clock, eventTypes, CitusDialect.INSTANCE);
	}

	/**
	 * A storage that records the given event types, whose statements the coordinator cancels after
	 * the given time.
	 * @param dataSource the coordinator
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 * @param statementTimeout how long one statement may run, in whole seconds rounded up;
	 * {@link Duration#ZERO} for no limit
	 * @since 0.2.0
	 */
	public CitusWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes, Duration statementTimeout) {
		super(dataSource, clock, eventTypes, CitusDialect.INSTANCE, statementTimeout);
	}

}
