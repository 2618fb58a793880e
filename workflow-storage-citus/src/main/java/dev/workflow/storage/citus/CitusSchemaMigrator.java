package dev.workflow.storage.citus;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.workflow.storage.postgres.AdoptionCheck;
import dev.workflow.storage.postgres.AdoptionChecks;
import dev.workflow.storage.postgres.SchemaMigration;
import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.postgres.SchemaMigrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

/**
 * Creates or adopts the workflow storage tables on a Citus coordinator and distributes them,
 * after checking that the server has Citus at all.
 *
 * <p>
 * Every distribution changeset is skipped when its table is distributed already, so a second
 * start, a second application instance, or a table an operator distributed by hand all pass.
 *
 * @since 0.1.0
 */
public final class CitusSchemaMigrator implements SchemaMigration {

	/**
	 * The Citus changelog, in this module's jar.
	 */
	public static final String CHANGELOG = "db/workflow-storage/citus/changelog.xml";

	// pyworkflow's Citus tables have neither the unique sequences nor the foreign keys this
	// changelog adds: rows that break them are named before anything changes.
	private static final List<AdoptionCheck> ADOPTION_CHECKS = List.of(AdoptionChecks.UNIQUE_EVENT_SEQUENCES,
			AdoptionChecks.SIGNALS_OF_SCHEMA_VERSION_3,
			AdoptionChecks.runsExist("steps", "steps_run_id_fkey"), AdoptionChecks.runsExist("hooks", "hooks_run_id_fkey"),
			AdoptionChecks.runsExist("cancellation_flags", "cancellation_flags_run_id_fkey"));

	private static final Logger logger = LoggerFactory.getLogger(CitusSchemaMigrator.class);

	private final DataSource dataSource;

	private final Duration lockTimeout;

	/**
	 * A migrator that waits at most {@link SchemaMigrator#DEFAULT_LOCK_TIMEOUT} for another
	 * process's migration.
	 * @param dataSource the coordinator
	 */
	public CitusSchemaMigrator(DataSource dataSource) {
		this(dataSource, SchemaMigrator.DEFAULT_LOCK_TIMEOUT);
	}

	/**
	 * A migrator.
	 * @param dataSource the coordinator
	 * @param lockTimeout how long to wait for another process's migration
	 * @since 0.2.0
	 */
	public CitusSchemaMigrator(DataSource dataSource, Duration lockTimeout) {
		this.dataSource = dataSource;
		this.lockTimeout = lockTimeout;
	}

	/**
	 * Checks for Citus, then applies the changelog.
	 * @throws CitusNotAvailableException on a server without Citus
	 * @throws SchemaMigrationException if the database cannot be reached or a changeset fails
	 */
	@Override
	public void migrate() {
		CitusMetadata metadata = new CitusMetadata(this.dataSource);
		String version = readMetadata(metadata::requireVersion);
		int workers = readMetadata(metadata::activeWorkerCount);
		logger.info("Workflow storage on {} with {} active worker(s)", version, workers);
		schemaMigrator().migrate();
	}

	/**
	 * Checks for Citus and that every changeset is applied, changing nothing.
	 * @throws CitusNotAvailableException on a server without Citus
	 * @throws SchemaMigrationException if the database cannot be reached or a changeset is not
	 * applied
	 */
	@Override
	public void validate() {
		readMetadata(new CitusMetadata(this.dataSource)::requireVersion);
		schemaMigrator().validate();
	}

	// The metadata is read through Spring's JDBC support; its failures (an unreachable
	// coordinator above all) leave as the migration's own exception, like SchemaMigrator's.
	private static <T> T readMetadata(Supplier<T> query) {
		try {
			return query.get();
		}
		catch (DataAccessException ex) {
			throw new SchemaMigrationException(CHANGELOG, "Could not read the Citus metadata: "
					+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage(), ex);
		}
	}

	private SchemaMigrator schemaMigrator() {
		return new SchemaMigrator(this.dataSource, CHANGELOG, ADOPTION_CHECKS, this.lockTimeout);
	}

}
