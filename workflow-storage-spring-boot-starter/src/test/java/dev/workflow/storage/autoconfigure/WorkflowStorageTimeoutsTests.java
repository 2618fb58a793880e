package dev.workflow.storage.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Timeouts read as pyworkflow reads the same environment variables: a plain number is seconds,
 * whole or decimal; a value with a unit still works.
 */
class WorkflowStorageTimeoutsTests {

	// Schema mode none on a closed port: the pool is built but never connects.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
		.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none",
				"pyworkflow.postgres.host=127.0.0.1", "pyworkflow.postgres.port=1");

	private ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
		return this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)));
	}

	private ApplicationContextRunner withEnvironment(String name, String value) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(name, value);
		return withEnvironment(variables);
	}

	@ParameterizedTest
	@CsvSource({ "3, 3000", "60.0, 60000", "0.5, 500", "60s, 60000", "500ms, 500", "PT1M, 60000", "1e2, 100000" })
	void whenCommandTimeoutIsSetShouldReadPlainNumbersAsSeconds(String value, long millis) {
		withEnvironment("PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT", value).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WorkflowStorageProperties.class).getPostgres().getCommandTimeout().toDuration())
				.isEqualTo(Duration.ofMillis(millis));
		});
	}

	@ParameterizedTest
	@CsvSource({ "45, 45000", "1800.0, 1800000", "0.5, 500", "60s, 60000", "PT2M, 120000", "0, 0" })
	void whenMaxInactiveLifetimeIsSetShouldReadPlainNumbersAsSeconds(String value, long millis) {
		withEnvironment("PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME", value).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WorkflowStorageProperties.class)
				.getPostgres()
				.getMaxInactiveLifetime()
				.toDuration()).isEqualTo(Duration.ofMillis(millis));
		});
	}

	@ParameterizedTest
	@CsvSource({ "3, 3000", "2.5, 2500", "5s, 5000" })
	void whenConnectTimeoutIsSetShouldReadPlainNumbersAsSeconds(String value, long millis) {
		withEnvironment("PYWORKFLOW_POSTGRES_CONNECT_TIMEOUT", value).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WorkflowStorageProperties.class).getPostgres().getConnectTimeout().toDuration())
				.isEqualTo(Duration.ofMillis(millis));
			assertThat(context.getBean("workflowStorageDataSource", HikariDataSource.class).getConnectionTimeout())
				.isEqualTo(millis);
		});
	}

	@Test
	void whenNothingIsSetShouldUsePyworkflowDefaults() {
		this.runner.run((context) -> {
			WorkflowStorageProperties.Postgres postgres = context.getBean(WorkflowStorageProperties.class)
				.getPostgres();
			assertThat(postgres.getCommandTimeout().toDuration()).isEqualTo(Duration.ofSeconds(60));
			assertThat(postgres.getMaxInactiveLifetime().toDuration()).isEqualTo(Duration.ofSeconds(1800));
			assertThat(postgres.getConnectTimeout().toDuration()).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean(WorkflowStorageProperties.class).getStorage().getMigrationLockTimeout()
				.toDuration()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@ParameterizedTest
	@CsvSource({ "3, 3000", "0.5, 500", "60.0, 60000", "2m, 120000" })
	void whenCommandTimeoutIsSetShouldBecomeTheStoragesStatementTimeout(String value, long millis) {
		withEnvironment("PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT", value).run((context) -> assertThat(
				context.getBean(PostgresWorkflowStorage.class).statementTimeout())
			.isEqualTo(Duration.ofMillis(millis)));
	}

	// The server cancels a statement at the command timeout; the socket timeout is only for a
	// server that stopped answering, and must not end a statement the server still runs.
	@ParameterizedTest
	@CsvSource({ "3, 66", "0.5, 62", "60.0, 180" })
	void whenCommandTimeoutIsSetShouldStayWellBelowTheDriversSocketTimeout(String value,
			String seconds) {
		withEnvironment("PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT", value).run((context) -> assertThat(
				context.getBean("workflowStorageDataSource", HikariDataSource.class).getDataSourceProperties()
					.getProperty("socketTimeout"))
			.isEqualTo(seconds));
	}

	@Test
	void whenNothingIsSetShouldGiveTheStorageTheCommandTimeoutsDefault() {
		this.runner.run((context) -> assertThat(context.getBean(PostgresWorkflowStorage.class).statementTimeout())
			.isEqualTo(Duration.ofSeconds(60)));
	}

	@ParameterizedTest
	@CsvSource({ "300, 300000", "0.5, 500", "5m, 300000", "0, 0" })
	void whenMigrationLockTimeoutIsSetShouldReadPlainNumbersAsSeconds(String value, long millis) {
		withEnvironment("PYWORKFLOW_STORAGE_MIGRATION_LOCK_TIMEOUT", value).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WorkflowStorageProperties.class)
				.getStorage()
				.getMigrationLockTimeout()
				.toDuration()).isEqualTo(Duration.ofMillis(millis));
		});
	}

	@Test
	void whenMaxInactiveLifetimeIsSetShouldCloseIdleConnectionsAfterIt() {
		withEnvironment("PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME", "45").run((context) -> {
			HikariDataSource pool = context.getBean("workflowStorageDataSource", HikariDataSource.class);
			assertThat(pool.getIdleTimeout()).isEqualTo(45_000);
			assertThat(pool.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis());
		});
	}

	@Test
	void whenMaxInactiveLifetimeIsPyworkflowsDefaultShouldKeepItAndOutliveItWithMaxLifetime() {
		this.runner.run((context) -> {
			HikariDataSource pool = context.getBean("workflowStorageDataSource", HikariDataSource.class);
			assertThat(pool.getIdleTimeout()).isEqualTo(1_800_000);
			assertThat(pool.getMaxLifetime()).isGreaterThan(pool.getIdleTimeout() + 1_000);
		});
	}

	@Test
	void whenMaxInactiveLifetimeIsBelowHikarisFloorShouldUseTheFloor() {
		withEnvironment("PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME", "2.5").run((context) -> assertThat(
				context.getBean("workflowStorageDataSource", HikariDataSource.class).getIdleTimeout())
			.isEqualTo(10_000));
	}

	@Test
	void whenMaxInactiveLifetimeIsZeroShouldNeverCloseIdleConnections() {
		withEnvironment("PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME", "0").run((context) -> assertThat(
				context.getBean("workflowStorageDataSource", HikariDataSource.class).getIdleTimeout())
			.isZero());
	}

	@Test
	void whenPoolHasAFixedSizeShouldNotSetAnIdleTimeout() {
		Map<String, Object> variables = new HashMap<>();
		variables.put("PYWORKFLOW_POSTGRES_MIN_POOL_SIZE", "4");
		variables.put("PYWORKFLOW_POSTGRES_MAX_POOL_SIZE", "4");
		withEnvironment(variables).run((context) -> assertThat(
				context.getBean("workflowStorageDataSource", HikariDataSource.class).getIdleTimeout())
			.isZero());
	}

	@ParameterizedTest
	@CsvSource({ "PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT, soon, pyworkflow.postgres.command-timeout",
			"PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT, 0, pyworkflow.postgres.command-timeout",
			"PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME, -1, pyworkflow.postgres.max-inactive-lifetime",
			"PYWORKFLOW_STORAGE_MIGRATION_LOCK_TIMEOUT, -1, pyworkflow.storage.migration-lock-timeout",
			"PYWORKFLOW_POSTGRES_CONNECT_TIMEOUT, 5 seconds, pyworkflow.postgres.connect-timeout",
			"PYWORKFLOW_POSTGRES_CONNECT_TIMEOUT, 0.1, pyworkflow.postgres.connect-timeout" })
	void whenATimeoutIsInvalidShouldFailNamingThePropertyAndTheValue(String variable, String value, String property) {
		withEnvironment(variable, value).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining(property)
			.hasStackTraceContaining(value));
	}

}
