package dev.workflow.storage.autoconfigure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.concurrent.CompletableFuture.supplyAsync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The starter's timeouts on a real PostgreSQL and a real lock: a statement waiting longer than
 * {@code command-timeout} is cancelled by the server and wrote nothing, and a start waiting longer
 * than {@code migration-lock-timeout} for another process's migration fails naming that process.
 */
class WorkflowStorageLockWaitTests {

	// Generous: the timeouts below are one second, and the machine is shared.
	private static final long WAIT_SECONDS = 30;

	private static ApplicationContextRunner runner(String database) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(EmbeddedPostgresServer.pyworkflowProperties("postgres", database)
				.entrySet()
				.stream()
				.map((property) -> property.getKey() + "=" + property.getValue())
				.toArray(String[]::new));
	}

	@Test
	void statementWaitingLongerThanTheCommandTimeoutIsCancelledAndWritesNothing() {
		String database = EmbeddedPostgresServer.createDatabase("command_timeout");
		try (HikariDataSource admin = EmbeddedPostgresServer.dataSource(database)) {
			runner(database).withPropertyValues("pyworkflow.postgres.command-timeout=1").run((context) -> {
				WorkflowStorage storage = context.getBean(WorkflowStorage.class);
				WorkflowRun run = TestData.run(Instant.now()).build();
				storage.createRun(run);
				Event event = TestData.event(run.runId(), "step.started", Instant.now(), "{}");
				try (Connection locker = admin.getConnection()) {
					locker.setAutoCommit(false);
					try (Statement statement = locker.createStatement()) {
						statement.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
					}
					try {
						assertThat(supplyAsync(() -> storage.recordEvent(event))).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
							.withThrowableThat()
							.havingCause()
							.isInstanceOf(StorageAccessException.class);
					}
					finally {
						locker.commit();
					}
				}
				assertThat(activeStatements(admin)).isZero();
				assertThat(storage.getEvents(run.runId())).isEmpty();
				assertThat(storage.recordEvent(event)).isZero();
			});
		}
	}

	@Test
	void startWaitingLongerThanTheMigrationLockTimeoutFailsNamingTheHolder() throws Exception {
		String database = EmbeddedPostgresServer.createDatabase("migration_lock_timeout");
		try (HikariDataSource admin = EmbeddedPostgresServer.dataSource(database);
				Connection holder = admin.getConnection()) {
			int holderPid = holdMigrationLock(holder);
			long started = System.nanoTime();
			assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS),
					() -> runner(database).withPropertyValues("pyworkflow.storage.migration-lock-timeout=1")
						.run((context) -> assertThat(context).getFailure()
							.rootCause()
							.isInstanceOf(SchemaMigrationException.class)
							.hasMessageContaining("pid " + holderPid)
							.hasMessageContaining("other-instance")));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(WAIT_SECONDS));
		}
	}

	private static int holdMigrationLock(Connection holder) throws Exception {
		try (Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = 'other-instance'");
		}
		try (PreparedStatement statement = holder.prepareStatement("SELECT pg_advisory_lock(?), pg_backend_pid()")) {
			statement.setLong(1, SchemaMigrator.ADVISORY_LOCK_KEY);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(2);
			}
		}
	}

	private static int activeStatements(DataSource dataSource) {
		return JdbcClient.create(dataSource).sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()""")
			.query(Integer.class)
			.single();
	}

}
