package dev.workflow.storage.citus;

import java.time.Clock;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.postgres.JdbcWorkflowStorage;

/**
 * A {@link WorkflowStorage} on Citus (distributed PostgreSQL), in the tables of
 * {@link CitusSchemaMigrator}'s changelog, as {@link CitusDialect} describes them.
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

}
