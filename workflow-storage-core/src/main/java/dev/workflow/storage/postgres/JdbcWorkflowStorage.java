package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.UndecodableRowException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.store.Stores;
import dev.workflow.storage.store.ValidatingWorkflowStorage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link WorkflowStorage} in pyworkflow's tables on a flavour of PostgreSQL, which its
 * {@link JdbcDialect} describes; {@link PostgresWorkflowStorage} is plain PostgreSQL.
 *
 * <p>
 * Each operation is one statement in the common case, and every run-scoped statement names its
 * {@code run_id}, so a distributed database sends it to one shard. A row that another client
 * wrote with a value this library cannot decode is never rewritten: reading it alone throws an
 * {@link UndecodableRowException}, and listings skip it, logging a WARN and counting it
 * ({@link #undecodableRowsSkipped()}).
 *
 * <p>
 * Every statement runs under a statement timeout ({@link #DEFAULT_STATEMENT_TIMEOUT} unless given):
 * when it expires the driver asks the server to cancel the statement, which ends with SQLSTATE
 * {@code 57014} and rolls back its transaction, so an operation that fails this way wrote nothing
 * and its connection stays usable. It fails as a {@code StorageAccessException}.
 *
 * @since 0.2.0
 */
public class JdbcWorkflowStorage extends ValidatingWorkflowStorage {

	/**
	 * The statement timeout of a storage built without one.
	 */
	public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

	private static final String SCHEMA_VERSION = "SELECT COALESCE(MAX(version), 0) FROM schema_versions";

	private final JdbcDialect dialect;

	private final DataSource dataSource;

	private final UndecodableRows undecodableRows;

	private final Duration statementTimeout;

	/**
	 * A storage on the given database, with the {@link #DEFAULT_STATEMENT_TIMEOUT}.
	 * @param dataSource the database
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 * @param dialect the database's flavour
	 */
	public JdbcWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes, JdbcDialect dialect) {
		this(dataSource, clock, eventTypes, dialect, DEFAULT_STATEMENT_TIMEOUT);
	}

	/**
	 * A storage on the given database whose statements the server cancels after the given time.
	 * @param dataSource the database
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 * @param dialect the database's flavour
	 * @param statementTimeout how long one statement may run, counted in whole seconds rounded up
	 * (as JDBC's query timeout is); {@link Duration#ZERO} for no limit
	 * @since 0.2.0
	 */
	public JdbcWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes, JdbcDialect dialect,
			Duration statementTimeout) {
		this(dataSource, clock, eventTypes, dialect, StatementTimeout.check(statementTimeout), new UndecodableRows());
	}

	private JdbcWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes, JdbcDialect dialect,
			Duration statementTimeout, UndecodableRows undecodableRows) {
		super(stores(StatementTimeout.jdbcTemplate(dataSource, statementTimeout), statementTimeout, clock, dialect,
				undecodableRows), eventTypes);
		this.dialect = dialect;
		this.dataSource = dataSource;
		this.undecodableRows = undecodableRows;
		this.statementTimeout = statementTimeout;
	}

	private static Stores stores(JdbcTemplate jdbcTemplate, Duration statementTimeout, Clock clock, JdbcDialect dialect,
			UndecodableRows undecodableRows) {
		Objects.requireNonNull(clock, "clock");
		JdbcClient jdbc = JdbcClient.create(jdbcTemplate);
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(Objects.requireNonNull(jdbcTemplate.getDataSource())));
		return new Stores(dialect.name(),
				new JdbcRunRepository(jdbc, clock, undecodableRows, dialect.keyTables(), transactions),
				new JdbcEventRepository(jdbcTemplate, transactions, dialect.appendPolicy()),
				new JdbcStepRepository(jdbc, clock, undecodableRows),
				new JdbcHookRepository(jdbc, clock, undecodableRows, dialect.keyTables(), transactions),
				new JdbcCancellationFlagRepository(jdbc, clock), new JdbcScheduleRepository(jdbc, clock, undecodableRows),
				new JdbcStreamRepository(jdbcTemplate, clock, transactions),
				new JdbcSubscriptionRepository(jdbc, clock, undecodableRows), new JdbcScheduledSignalRepository(jdbc, clock),
				new JdbcCheckpointRepository(jdbc, clock),
				new JdbcRetentionRepository(jdbcTemplate.getDataSource(), statementTimeout, dialect.keyTables()),
				() -> health(jdbc, dialect, jdbcTemplate.getDataSource()));
	}

	// The schema version's query also shows that the database answers.
	private static StorageHealth health(JdbcClient jdbc, JdbcDialect dialect, DataSource dataSource) {
		int schemaVersion = jdbc.sql(SCHEMA_VERSION).query(Integer.class).single();
		return StorageHealth.up(Map.of("schemaVersion", schemaVersion)).and(dialect.health(dataSource));
	}

	/**
	 * The database's flavour.
	 * @return the dialect
	 */
	public JdbcDialect dialect() {
		return this.dialect;
	}

	/**
	 * How long one statement may run before the server cancels it.
	 * @return the timeout; {@link Duration#ZERO} for none
	 * @since 0.2.0
	 */
	public Duration statementTimeout() {
		return this.statementTimeout;
	}

	/**
	 * The migration of this storage's schema, as its dialect makes it.
	 * @return the migration
	 */
	public SchemaMigration schemaMigration() {
		return this.dialect.schemaMigration(this.dataSource);
	}

	/**
	 * How many rows this storage's listings have skipped because a column could not be decoded.
	 * @return the count since this storage was created
	 */
	public long undecodableRowsSkipped() {
		return this.undecodableRows.skipped();
	}

}
