package dev.workflow.storage.postgres;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.PreconditionFailedException;
import liquibase.precondition.FailedPrecondition;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a workflow storage Liquibase changelog to a database.
 *
 * <p>
 * The history is kept in tables of our own ({@value #CHANGELOG_TABLE},
 * {@value #CHANGELOG_LOCK_TABLE}), so an application's own Liquibase history is never touched.
 * Migrating runs on one connection that holds a PostgreSQL advisory lock for the whole run:
 * processes that start at once take turns, even while Liquibase's own lock table does not exist
 * yet, and the later ones find nothing left to do. A process waits for that lock at most its lock
 * timeout ({@link #DEFAULT_LOCK_TIMEOUT} unless given), then fails naming the session that holds it.
 * The migration itself has no time limit: its connection runs without a statement timeout, and
 * without the pool's socket timeout, since a backfill or an index build on a large table takes
 * as long as it takes.
 *
 * @since 0.1.0
 */
public final class SchemaMigrator implements SchemaMigration {

	/**
	 * The changelog of plain PostgreSQL, in this module's jar.
	 */
	public static final String POSTGRES_CHANGELOG = "db/workflow-storage/postgres/changelog.xml";

	/**
	 * Where Liquibase records the changesets it applied.
	 */
	public static final String CHANGELOG_TABLE = "pyworkflow_databasechangelog";

	/**
	 * Liquibase's lock table.
	 */
	public static final String CHANGELOG_LOCK_TABLE = "pyworkflow_databasechangeloglock";

	/**
	 * How long a migrator waits for another process's migration unless it is told otherwise.
	 * @since 0.2.0
	 */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

	/**
	 * The newest pyworkflow schema version the changelogs create and record.
	 * @since 0.3.0
	 */
	public static final int PYWORKFLOW_SCHEMA_VERSION = 7;

	private static final String LATER_PYWORKFLOW_VERSIONS = """
			SELECT string_agg(version::text, ', ' ORDER BY version) FROM schema_versions WHERE version > """
			+ PYWORKFLOW_SCHEMA_VERSION;

	/**
	 * The key of the PostgreSQL advisory lock a migration holds, an arbitrary constant shared by
	 * every process that migrates this schema: an operator finds its holder in {@code pg_locks}.
	 * @since 0.2.0
	 */
	public static final long ADVISORY_LOCK_KEY = 0x7079_776f_726b_666cL;

	private static final long LOCK_POLL_MILLIS = 100;

	// Longer waits are as good as forever, and the deadline's arithmetic stays in a long.
	private static final long LONGEST_LOCK_WAIT_SECONDS = Duration.ofDays(36_500).toSeconds();

	private static final Logger logger = LoggerFactory.getLogger(SchemaMigrator.class);

	private final DataSource dataSource;

	private final String changelog;

	private final List<AdoptionCheck> adoptionChecks;

	private final Duration lockTimeout;

	/**
	 * A migrator of the plain PostgreSQL schema, waiting at most {@link #DEFAULT_LOCK_TIMEOUT} for
	 * another process's migration.
	 * @param dataSource the database
	 */
	public SchemaMigrator(DataSource dataSource) {
		this(dataSource, DEFAULT_LOCK_TIMEOUT);
	}

	/**
	 * A migrator of the plain PostgreSQL schema.
	 * @param dataSource the database
	 * @param lockTimeout how long to wait for another process's migration; {@link Duration#ZERO}
	 * to fail at once while one runs
	 * @since 0.2.0
	 */
	public SchemaMigrator(DataSource dataSource, Duration lockTimeout) {
		this(dataSource, POSTGRES_CHANGELOG,
				List.of(AdoptionChecks.UNIQUE_EVENT_SEQUENCES, AdoptionChecks.SIGNALS_OF_SCHEMA_VERSION_3), lockTimeout);
	}

	/**
	 * A migrator of another changelog, such as the Citus module's, waiting at most
	 * {@link #DEFAULT_LOCK_TIMEOUT} for another process's migration.
	 * @param dataSource the database
	 * @param changelog the changelog's classpath location
	 * @param adoptionChecks what the rows already there must satisfy before anything changes
	 */
	public SchemaMigrator(DataSource dataSource, String changelog, List<AdoptionCheck> adoptionChecks) {
		this(dataSource, changelog, adoptionChecks, DEFAULT_LOCK_TIMEOUT);
	}

	/**
	 * A migrator of another changelog, such as the Citus module's.
	 * @param dataSource the database
	 * @param changelog the changelog's classpath location
	 * @param adoptionChecks what the rows already there must satisfy before anything changes
	 * @param lockTimeout how long to wait for another process's migration; {@link Duration#ZERO}
	 * to fail at once while one runs
	 * @since 0.2.0
	 */
	public SchemaMigrator(DataSource dataSource, String changelog, List<AdoptionCheck> adoptionChecks,
			Duration lockTimeout) {
		Objects.requireNonNull(lockTimeout, "lockTimeout");
		if (lockTimeout.isNegative()) {
			throw new IllegalArgumentException("The migration lock timeout must be zero or more, got " + lockTimeout);
		}
		this.dataSource = dataSource;
		this.changelog = changelog;
		this.adoptionChecks = List.copyOf(adoptionChecks);
		this.lockTimeout = lockTimeout;
	}

	/**
	 * How long this migrator waits for another process's migration.
	 * @return the timeout
	 * @since 0.2.0
	 */
	public Duration lockTimeout() {
		return this.lockTimeout;
	}

	/**
	 * Applies every changeset not applied yet; applying again changes nothing.
	 * @throws SchemaMigrationException if a changeset fails, or the rows already there (written
	 * by pyworkflow's workers) must be fixed first, naming them
	 */
	@Override
	public void migrate() {
		withLockedConnection((connection) -> {
			checkAdoption(connection);
			update(connection);
			logLaterPyworkflowVersions(connection);
		});
	}

	/**
	 * Checks that every changeset is applied, changing nothing.
	 * @throws SchemaMigrationException naming the changesets not applied yet
	 */
	@Override
	public void validate() {
		withLockedConnection((connection) -> {
			List<String> pending = pendingChangesets(connection);
			if (!pending.isEmpty()) {
				throw new SchemaMigrationException(this.changelog, "The workflow storage schema is not up to date: "
						+ pending.size() + " changeset(s) of " + this.changelog + " not applied: "
						+ String.join(", ", pending) + ". Set pyworkflow.storage.schema=migrate, or apply them.",
						null);
			}
			logLaterPyworkflowVersions(connection);
		});
	}

	private void checkAdoption(Connection connection) {
		try {
			for (AdoptionCheck check : this.adoptionChecks) {
				check.check(connection, this.changelog);
			}
		}
		catch (SQLException ex) {
			throw new SchemaMigrationException(this.changelog,
					"Could not check the rows already in the database: " + ex.getMessage(), ex);
		}
	}

	// Newer pyworkflow workers may record later versions and add tables of their own; this library
	// neither needs nor touches them, and says so once.
	private void logLaterPyworkflowVersions(Connection connection) {
		try (PreparedStatement statement = connection.prepareStatement(LATER_PYWORKFLOW_VERSIONS);
				ResultSet rs = statement.executeQuery()) {
			if (rs.next() && rs.getString(1) != null) {
				logger.info("The database records pyworkflow schema versions {} besides 1 to {} (from newer pyworkflow "
						+ "workers); workflow storage uses versions 1 to {} and leaves the later versions' tables and "
						+ "rows as they are", rs.getString(1), PYWORKFLOW_SCHEMA_VERSION, PYWORKFLOW_SCHEMA_VERSION);
			}
		}
		catch (SQLException ex) {
			logger.debug("Could not read pyworkflow's schema versions", ex);
		}
	}

	private void withLockedConnection(Consumer<Connection> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			withoutNetworkTimeout(connection);
			lock(connection);
			try {
				work.accept(connection);
			}
			finally {
				// A failed changeset leaves its transaction aborted, where even the unlock would fail
				// and the pooled connection would keep the lock.
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
				execute(connection, "SELECT pg_advisory_unlock(?)");
			}
		}
		catch (SQLException ex) {
			throw new SchemaMigrationException(this.changelog,
					"Could not migrate the workflow storage schema: " + ex.getMessage(), ex);
		}
	}

	// A pool's socket timeout would break a long backfill or index build, or a wait behind an
	// application's lock, as "Read timed out"; pools restore it when the connection returns. A
	// driver or wrapper that cannot change it keeps it.
	private static void withoutNetworkTimeout(Connection connection) throws SQLException {
		try {
			connection.setNetworkTimeout(Runnable::run, 0);
		}
		catch (SQLFeatureNotSupportedException ex) {
			logger.debug("Could not lift the connection's network timeout for the migration", ex);
		}
	}

	private void update(Connection connection) {
		try {
			Database database = database(connection);
			Scope.child(scope(), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
				.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, this.changelog)
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
				.execute());
			logger.debug("Workflow storage schema is up to date with {}", this.changelog);
		}
		catch (Exception ex) {
			throw new SchemaMigrationException(this.changelog,
					"Could not migrate the workflow storage schema with " + this.changelog + ": " + rootMessage(ex),
					ex);
		}
	}

	private List<String> pendingChangesets(Connection connection) {
		try {
			Database database = database(connection);
			return Scope.child(scope(), () -> {
				Liquibase liquibase = new Liquibase(this.changelog, Scope.getCurrentScope().getResourceAccessor(),
						database);
				return liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())
					.stream()
					.map(ChangeSet::getId)
					.toList();
			});
		}
		catch (Exception ex) {
			throw new SchemaMigrationException(this.changelog,
					"Could not validate the workflow storage schema with " + this.changelog + ": " + rootMessage(ex),
					ex);
		}
	}

	private static Database database(Connection connection) throws Exception {
		Database database = DatabaseFactory.getInstance()
			.findCorrectDatabaseImplementation(new JdbcConnection(connection));
		database.setDatabaseChangeLogTableName(CHANGELOG_TABLE);
		database.setDatabaseChangeLogLockTableName(CHANGELOG_LOCK_TABLE);
		return database;
	}

	private static Map<String, Object> scope() {
		return Map.of(Scope.Attr.resourceAccessor.name(),
				new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()), Scope.Attr.ui.name(),
				new LoggerUIService(), "liquibase.analytics.enabled", false);
	}

	// Polls instead of waiting in pg_advisory_lock: a waiting statement keeps its snapshot, and the
	// holder's concurrent index build waits for every older snapshot, the waiters' too.
	private void lock(Connection connection) throws SQLException {
		long waitNanos = (this.lockTimeout.toSeconds() < LONGEST_LOCK_WAIT_SECONDS) ? this.lockTimeout.toNanos()
				: Duration.ofSeconds(LONGEST_LOCK_WAIT_SECONDS).toNanos();
		long deadline = System.nanoTime() + waitNanos;
		while (!tryLock(connection)) {
			if (System.nanoTime() - deadline >= 0) {
				throw lockTimeoutExpired(connection);
			}
			try {
				Thread.sleep(LOCK_POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while waiting for another process's migration", ex);
			}
		}
	}

	private SchemaMigrationException lockTimeoutExpired(Connection connection) {
		String waited = BigDecimal.valueOf(this.lockTimeout.toMillis(), 3).stripTrailingZeros().toPlainString();
		return new SchemaMigrationException(this.changelog, "Gave up after " + waited + " s waiting for the "
				+ "workflow storage schema migration lock (PostgreSQL advisory lock " + ADVISORY_LOCK_KEY
				+ "), held by " + MigrationLockHolder.describe(connection, ADVISORY_LOCK_KEY) + ". Another process is "
				+ "migrating this database, or its session is stuck holding the lock: let it finish, end that "
				+ "session, or wait longer (the migration lock timeout; pyworkflow.storage.migration-lock-timeout "
				+ "in the Spring Boot starter).", null);
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, ADVISORY_LOCK_KEY);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, ADVISORY_LOCK_KEY);
			statement.execute();
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		// A failed precondition's own message (the changelog's onFailMessage) says what to do.
		if (root instanceof PreconditionFailedException failed) {
			return failed.getFailedPreconditions()
				.stream()
				.map(FailedPrecondition::getMessage)
				.collect(Collectors.joining("; "));
		}
		return (root.getMessage() != null) ? root.getMessage() : root.toString();
	}

}
