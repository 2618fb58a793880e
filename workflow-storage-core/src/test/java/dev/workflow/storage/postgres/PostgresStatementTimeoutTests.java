package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.EventTypes;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The statement timeout on a real lock: the server cancels the statement (SQLSTATE 57014), the
 * caller gets a {@link StorageAccessException}, nothing is committed once the lock is released,
 * and the same connection serves the next call.
 */
class PostgresStatementTimeoutTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	// Generous: the timeout is one second, and the machine is shared.
	private static final long WAIT_SECONDS = 20;

	private final String database = EmbeddedPostgresServer.createDatabase("statement_timeout");

	private final HikariDataSource admin = EmbeddedPostgresServer.dataSource(this.database);

	// One connection, so the call after a cancellation runs on the connection it was cancelled on.
	private final HikariDataSource single = singleConnection(this.database);

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	private final JdbcClient jdbc = JdbcClient.create(this.admin);

	PostgresStatementTimeoutTests() {
		new SchemaMigrator(this.admin).migrate();
	}

	@AfterEach
	void close() {
		this.executor.shutdownNow();
		this.single.close();
		this.admin.close();
	}

	@Test
	void appendBehindATableLockIsCancelledByTheServerAndNeverCommitted() throws Exception {
		JdbcWorkflowStorage storage = new PostgresWorkflowStorage(this.single, Clock.systemUTC(),
				EventTypes.pyworkflow(), TIMEOUT);
		WorkflowRun run = createdRun(storage);
		int backend = backendPid();
		Event event = TestData.event(run.runId(), "step.started", Instant.now(), "{\"step_id\": \"charge\"}");
		assertCancelledBehindLock("LOCK TABLE events IN ACCESS EXCLUSIVE MODE", () -> storage.recordEvent(event));
		assertThat(eventIds(run)).doesNotContain(event.eventId());
		assertThat(backendPid()).as("the cancelled statement's connection serves the next call").isEqualTo(backend);
		assertThat(storage.recordEvent(event)).isZero();
		assertThat(eventIds(run)).containsExactly(event.eventId());
	}

	@Test
	void appendInTheRepositorysTransactionBehindATableLockIsCancelledAndRolledBack() throws Exception {
		// No plain attempt: every append runs in the transaction that takes the run's lock first.
		JdbcWorkflowStorage storage = new JdbcWorkflowStorage(this.single, Clock.systemUTC(), EventTypes.pyworkflow(),
				new UnderRunLockDialect(), TIMEOUT);
		WorkflowRun run = createdRun(storage);
		int backend = backendPid();
		Event event = TestData.event(run.runId(), "step.started", Instant.now(), "{}");
		assertCancelledBehindLock("LOCK TABLE events IN EXCLUSIVE MODE", () -> storage.recordEvent(event));
		assertThat(eventIds(run)).doesNotContain(event.eventId());
		assertThat(this.jdbc.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
				+ "(SELECT oid FROM pg_database WHERE datname = current_database())").query(Integer.class)
			.single()).as("the run's transaction-scoped lock went with the rollback").isZero();
		assertThat(backendPid()).isEqualTo(backend);
		assertThat(storage.recordEvent(event)).isZero();
		assertThat(eventIds(run)).containsExactly(event.eventId());
	}

	@Test
	void readBehindATableLockIsCancelled() throws Exception {
		JdbcWorkflowStorage storage = new PostgresWorkflowStorage(this.single, Clock.systemUTC(),
				EventTypes.pyworkflow(), TIMEOUT);
		WorkflowRun run = createdRun(storage);
		assertCancelledBehindLock("LOCK TABLE events IN ACCESS EXCLUSIVE MODE", () -> storage.getEvents(run.runId()));
		assertThat(storage.getEvents(run.runId())).isEmpty();
	}

	@Test
	void storageBuiltWithoutATimeoutHasTheDefault() {
		assertThat(new PostgresWorkflowStorage(this.single).statementTimeout())
			.isEqualTo(JdbcWorkflowStorage.DEFAULT_STATEMENT_TIMEOUT)
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void negativeTimeoutIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PostgresWorkflowStorage(this.single,
				Clock.systemUTC(), EventTypes.pyworkflow(), Duration.ofSeconds(-1)))
			.withMessageContaining("statement timeout");
	}

	@Test
	void timeoutIsCountedInWholeSecondsRoundedUp() {
		assertThat(StatementTimeout.wholeSeconds(Duration.ofMillis(1))).isEqualTo(1);
		assertThat(StatementTimeout.wholeSeconds(Duration.ofMillis(2500))).isEqualTo(3);
		assertThat(StatementTimeout.wholeSeconds(Duration.ofSeconds(30))).isEqualTo(30);
		assertThat(StatementTimeout.wholeSeconds(Duration.ZERO)).isZero();
	}

	// Holds the lock in another session while the call waits behind it; the call must fail with the
	// server's cancellation well before the lock is released, and nothing of it may be left running.
	private void assertCancelledBehindLock(String lock, ThrowingCall call) throws Exception {
		try (Connection locker = this.admin.getConnection()) {
			locker.setAutoCommit(false);
			try (Statement statement = locker.createStatement()) {
				statement.execute(lock);
			}
			long started = System.nanoTime();
			Future<Object> result = this.executor.submit(call::call);
			try {
				assertThat(result).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
					.withThrowableOfType(ExecutionException.class)
					.havingCause()
					.isInstanceOf(StorageAccessException.class)
					.satisfies((ex) -> assertThat(sqlState(ex)).as("SQLSTATE query_canceled").isEqualTo("57014"));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(WAIT_SECONDS));
			}
			finally {
				// Without a cancellation, the waiting statement goes on once the lock is released.
				locker.commit();
			}
		}
		assertThat(otherActiveStatements()).as("statements still running on the server").isZero();
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

	private int otherActiveStatements() {
		return this.jdbc.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()""")
			.query(Integer.class)
			.single();
	}

	private WorkflowRun createdRun(JdbcWorkflowStorage storage) {
		WorkflowRun run = TestData.run(Instant.now()).build();
		storage.createRun(run);
		return run;
	}

	private List<String> eventIds(WorkflowRun run) {
		return this.jdbc.sql("SELECT event_id FROM events WHERE run_id = ?").param(run.runId()).query(String.class)
			.list();
	}

	private int backendPid() {
		return JdbcClient.create(this.single).sql("SELECT pg_backend_pid()").query(Integer.class).single();
	}

	private static HikariDataSource singleConnection(String database) {
		return EmbeddedPostgresServer.dataSource(database, (config) -> config.setMaximumPoolSize(1));
	}

	@FunctionalInterface
	private interface ThrowingCall {

		Object call() throws Exception;

	}

	// PostgreSQL's, except that an append never tries without the run's lock.
	private static final class UnderRunLockDialect implements JdbcDialect {

		private static final AppendPolicy UNDER_RUN_LOCK = new AppendPolicy(AppendPolicy.POSTGRES.appendEvent(),
				AppendPolicy.POSTGRES.appendEvents(), -1, 0);

		@Override
		public String name() {
			return PostgresDialect.INSTANCE.name();
		}

		@Override
		public AppendPolicy appendPolicy() {
			return UNDER_RUN_LOCK;
		}

		@Override
		public KeyTables keyTables() {
			return null;
		}

		@Override
		public SchemaMigration schemaMigration(DataSource dataSource, Duration lockTimeout) {
			return PostgresDialect.INSTANCE.schemaMigration(dataSource, lockTimeout);
		}

		@Override
		public StorageHealth health(DataSource dataSource) {
			return StorageHealth.up(Map.of());
		}

	}

}
