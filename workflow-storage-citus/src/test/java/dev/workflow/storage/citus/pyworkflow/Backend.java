package dev.workflow.storage.citus.pyworkflow;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusSchemaMigrator;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Assumptions;

/**
 * The two backends that share pyworkflow's tables, each with pyworkflow's backend of the same kind.
 */
enum Backend {

	POSTGRESQL("postgresql", "postgres") {

		@Override
		SharedDatabase newDatabase(String prefix) {
			return new SharedDatabase(this, EmbeddedPostgresServer.newDatabase(prefix));
		}

		@Override
		WorkflowStorage storage(DataSource dataSource, Clock clock, EventTypes eventTypes) {
			return new PostgresWorkflowStorage(dataSource, clock, eventTypes);
		}

		@Override
		void migrate(DataSource dataSource) {
			new SchemaMigrator(dataSource).migrate();
		}

		@Override
		void validate(DataSource dataSource) {
			new SchemaMigrator(dataSource).validate();
		}

	},

	CITUS("citus", "citus") {

		@Override
		SharedDatabase newDatabase(String prefix) {
			if (CitusClusters.get() == null) {
				String reason = CitusClusters.unavailableReason();
				if (citusSkipTold.compareAndSet(false, true)) {
					System.err.println("[workflow-storage] " + reason);
				}
				Assumptions.abort(reason);
			}
			return new SharedDatabase(this, (HikariDataSource) CitusClusters.get().newDatabase(prefix));
		}

		@Override
		WorkflowStorage storage(DataSource dataSource, Clock clock, EventTypes eventTypes) {
			return new CitusWorkflowStorage(dataSource, clock, eventTypes);
		}

		@Override
		void migrate(DataSource dataSource) {
			new CitusSchemaMigrator(dataSource).migrate();
		}

		@Override
		void validate(DataSource dataSource) {
			new CitusSchemaMigrator(dataSource).validate();
		}

	};

	private static final AtomicBoolean citusSkipTold = new AtomicBoolean();

	private final String displayName;

	private final String pyworkflowName;

	Backend(String displayName, String pyworkflowName) {
		this.displayName = displayName;
		this.pyworkflowName = pyworkflowName;
	}

	/**
	 * A new empty database; aborts the test (a skip) where the backend is not available.
	 * @param prefix the start of its name
	 * @return the database
	 */
	abstract SharedDatabase newDatabase(String prefix);

	/**
	 * Our storage on a database of this backend.
	 * @param dataSource the database
	 * @param clock the clock it takes its times from
	 * @param eventTypes the event types it records
	 * @return the storage
	 */
	abstract WorkflowStorage storage(DataSource dataSource, Clock clock, EventTypes eventTypes);

	abstract void migrate(DataSource dataSource);

	abstract void validate(DataSource dataSource);

	/**
	 * The {@code backend} argument of the driver.
	 * @return {@code postgres} or {@code citus}
	 */
	String pyworkflowName() {
		return this.pyworkflowName;
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
