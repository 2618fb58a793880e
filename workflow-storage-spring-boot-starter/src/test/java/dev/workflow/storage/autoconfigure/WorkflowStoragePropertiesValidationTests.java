package dev.workflow.storage.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad values fail at binding, and Boot's failure analysis names the property and the environment
 * variable it came from, never a password.
 */
public class WorkflowStoragePropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class));

	private ApplicationContextRunner withEnvironment(String name, String value) {
		return this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
					Map.of(name, value, "PYWORKFLOW_POSTGRES_PASSWORD", "S3cr3t-pw"))));
	}

	// Boot's own analyzers (BindFailureAnalyzer, BindValidationFailureAnalyzer) are package-private;
	// loading every registered one as Boot does also covers ours.
	public static FailureAnalysis analyze(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(WorkflowStoragePropertiesValidationTests.class.getClassLoader())
			.load(FailureAnalyzer.class, ArgumentResolver.none(), FailureHandler.handleMessage((message, ex) -> {
			}));
		return analyzers.stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No failure analysis for " + failure));
	}

	@ParameterizedTest
	@CsvSource({ "PYWORKFLOW_POSTGRES_PORT, 70000, pyworkflow.postgres.port",
			"PYWORKFLOW_POSTGRES_PORT, 0, pyworkflow.postgres.port",
			"PYWORKFLOW_POSTGRES_MIN_POOL_SIZE, -1, pyworkflow.postgres.min-pool-size",
			"PYWORKFLOW_POSTGRES_MAX_POOL_SIZE, 0, pyworkflow.postgres.max-pool-size",
			"PYWORKFLOW_POSTGRES_CONNECT_TIMEOUT, 10ms, pyworkflow.postgres.connect-timeout",
			"PYWORKFLOW_POSTGRES_COMMAND_TIMEOUT, 0, pyworkflow.postgres.command-timeout",
			"PYWORKFLOW_POSTGRES_MAX_INACTIVE_LIFETIME, -1, pyworkflow.postgres.max-inactive-lifetime",
			"PYWORKFLOW_STORAGE_MIGRATION_LOCK_TIMEOUT, -1, pyworkflow.storage.migration-lock-timeout",
			"PYWORKFLOW_POSTGRES_SSLMODE, sometimes, pyworkflow.postgres.sslmode" })
	void badValueShouldFailAtBindingNamingPropertyAndVariable(String variable, String value, String property) {
		withEnvironment(variable, value).withPropertyValues("pyworkflow.storage.type=postgres").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: " + property)
				.contains("Value: \"" + value + "\"")
				.contains("Origin: \"" + variable + "\" from property source \"systemEnvironment\"")
				.doesNotContain("S3cr3t-pw");
			assertThat(analysis.getAction()).doesNotContain("S3cr3t-pw");
		});
	}

	@Test
	void minPoolSizeAboveMaxShouldFailAtBindingNamingBoth() {
		withEnvironment("PYWORKFLOW_POSTGRES_MIN_POOL_SIZE", "20")
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.max-pool-size=5")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: pyworkflow.postgres.minPoolSize")
					.contains("Reason: pyworkflow.postgres.min-pool-size (20) must be at most")
					.contains("Origin: \"PYWORKFLOW_POSTGRES_MIN_POOL_SIZE\" from property source \"systemEnvironment\"")
					.contains("pyworkflow.postgres.max-pool-size (5)")
					.doesNotContain("S3cr3t-pw");
			});
	}

	@Test
	void minPoolSizeUpToMaxShouldBind() {
		withEnvironment("PYWORKFLOW_POSTGRES_MIN_POOL_SIZE", "20")
			.withPropertyValues("pyworkflow.postgres.max-pool-size=30")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource({ "verify-full, verify-full", "VERIFY_FULL, verify-full", "Require, require", "verify-ca, verify-ca",
			"disable, disable", "allow, allow", "prefer, prefer" })
	void sslmodeShouldBindCaseInsensitivelyToLibpqValue(String value, String jdbcValue) {
		withEnvironment("PYWORKFLOW_POSTGRES_SSLMODE", value).run((context) -> {
			assertThat(context).hasNotFailed();
			WorkflowStorageProperties.Postgres postgres = context.getBean(WorkflowStorageProperties.class)
				.getPostgres();
			assertThat(new PropertiesWorkflowStorageConnectionDetails(postgres).getJdbcUrl())
				.endsWith("?sslmode=" + jdbcValue);
		});
	}

}
