package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * How long a migration waits: for another process's migration at most its lock timeout, then
 * failing with the holder named; for anything else, as long as it takes, whatever the pool's
 * socket timeout.
 */
class SchemaMigratorLockTests {

	// Generous: the timeouts below are one second, and the machine is shared.
	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void migrationWaitingForAnotherHolderOfItsLockFailsAfterItsLockTimeoutNamingTheHolder() throws Exception {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("lock_holder");
				Connection holder = dataSource.getConnection()) {
			int holderPid = holdMigrationLock(holder, "rival-migrator");
			SchemaMigrator migrator = new SchemaMigrator(dataSource, Duration.ofSeconds(1));
			long started = System.nanoTime();
			SchemaMigrationException failure = assertTimeoutPreemptively(WAIT,
					() -> catchMigrationFailure(migrator));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(failure.getMessage()).contains("pid " + holderPid, "rival-migrator", "idle")
				.contains("pg_terminate_backend(" + holderPid + ")");
			assertThat(failure.getChangelog()).isEqualTo(SchemaMigrator.POSTGRES_CHANGELOG);
		}
	}

	@Test
	void migrationWaitingForAnotherHolderLessThanItsLockTimeoutSucceeds() throws Exception {
		ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("lock_released");
				Connection holder = dataSource.getConnection()) {
			holdMigrationLock(holder, "short-migrator");
			releaser.schedule(() -> holder.createStatement().execute("SELECT pg_advisory_unlock_all()"), 1500,
					TimeUnit.MILLISECONDS);
			assertTimeoutPreemptively(WAIT, () -> new SchemaMigrator(dataSource, Duration.ofSeconds(20)).migrate());
		}
		finally {
			releaser.shutdownNow();
		}
	}

	@Test
	void migrationBehindATableLockOutlastsThePoolsSocketTimeout() throws Exception {
		String database = EmbeddedPostgresServer.createDatabase("socket_timeout");
		try (HikariDataSource admin = EmbeddedPostgresServer.dataSource(database);
				HikariDataSource shortSocketTimeout = withSocketTimeoutOfOneSecond(database)) {
			new SchemaMigrator(admin).migrate();
			ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor();
			try (Connection locker = admin.getConnection()) {
				locker.setAutoCommit(false);
				try (Statement statement = locker.createStatement()) {
					statement.execute("LOCK TABLE " + SchemaMigrator.CHANGELOG_TABLE + " IN ACCESS EXCLUSIVE MODE");
				}
				releaser.schedule(() -> {
					locker.commit();
					return null;
				}, 3, TimeUnit.SECONDS);
				assertTimeoutPreemptively(WAIT, () -> new SchemaMigrator(shortSocketTimeout).migrate());
			}
			finally {
				releaser.shutdownNow();
			}
			try (Connection connection = shortSocketTimeout.getConnection()) {
				assertThat(connection.getNetworkTimeout()).as("the pool's socket timeout, restored").isEqualTo(1000);
			}
		}
	}

	@Test
	void negativeLockTimeoutIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SchemaMigrator(new HikariDataSource(), Duration.ofSeconds(-1)))
			.withMessageContaining("lock timeout");
	}

	@Test
	void migratorBuiltWithoutALockTimeoutWaitsFiveMinutes() {
		assertThat(new SchemaMigrator(new HikariDataSource()).lockTimeout()).isEqualTo(Duration.ofMinutes(5))
			.isEqualTo(SchemaMigrator.DEFAULT_LOCK_TIMEOUT);
	}

	private static SchemaMigrationException catchMigrationFailure(SchemaMigrator migrator) {
		SchemaMigrationException failure = catchThrowableOfType(SchemaMigrationException.class, migrator::migrate);
		assertThat(failure).as("the migration's failure").isNotNull();
		return failure;
	}

	private static int holdMigrationLock(Connection holder, String applicationName) throws Exception {
		try (Statement statement = holder.createStatement()) {
			statement.execute("SET application_name = '" + applicationName + "'");
		}
		try (PreparedStatement statement = holder.prepareStatement("SELECT pg_advisory_lock(?), pg_backend_pid()")) {
			statement.setLong(1, SchemaMigrator.ADVISORY_LOCK_KEY);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getInt(2);
			}
		}
	}

	private static HikariDataSource withSocketTimeoutOfOneSecond(String database) {
		return EmbeddedPostgresServer.dataSource(database, (config) -> {
			config.setMaximumPoolSize(2);
			config.addDataSourceProperty("socketTimeout", "1");
		});
	}

}
