package dev.workflow.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pyworkflow.postgres.hikari.*} and {@link WorkflowStoragePoolCustomizer} beans, applied
 * after the settings mapped from pyworkflow's. Nothing here connects: the pool is inspected
 * before its first connection.
 */
class WorkflowStoragePoolTests {

	private static final String PASSWORD = "S3cr3t-pw";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
		.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none",
				"pyworkflow.postgres.host=127.0.0.1", "pyworkflow.postgres.port=1");

	private ApplicationContextRunner withEnvironment(String... namesAndValues) {
		Map<String, Object> variables = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			variables.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		variables.put("PYWORKFLOW_POSTGRES_PASSWORD", PASSWORD);
		return this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", variables)));
	}

	private static HikariDataSource pool(ApplicationContext context) {
		return context.getBean("workflowStorageDataSource", HikariDataSource.class);
	}

	@Test
	void whenHikariPropertiesAreSetShouldPassThemToThePool() {
		this.runner
			.withPropertyValues("pyworkflow.postgres.hikari.leak-detection-threshold=20000",
					"pyworkflow.postgres.hikari.keepalive-time=60000",
					"pyworkflow.postgres.hikari.data-source-properties.tcpKeepAlive=true")
			.run((context) -> {
				HikariDataSource pool = pool(context);
				assertThat(pool.getLeakDetectionThreshold()).isEqualTo(20_000);
				assertThat(pool.getKeepaliveTime()).isEqualTo(60_000);
				assertThat(pool.getDataSourceProperties()).containsEntry("tcpKeepAlive", "true")
					.containsEntry("ApplicationName", "workflow-storage")
					.containsEntry("socketTimeout", "180");
			});
	}

	@Test
	void whenHikariPropertiesOverlapMappedSettingsShouldWin() {
		this.runner
			.withPropertyValues("pyworkflow.postgres.max-pool-size=10", "pyworkflow.postgres.max-inactive-lifetime=45",
					"pyworkflow.postgres.hikari.maximum-pool-size=4", "pyworkflow.postgres.hikari.idle-timeout=20000",
					"pyworkflow.postgres.hikari.max-lifetime=900000",
					"pyworkflow.postgres.hikari.data-source-properties.socketTimeout=30")
			.run((context) -> {
				HikariDataSource pool = pool(context);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
				assertThat(pool.getIdleTimeout()).isEqualTo(20_000);
				assertThat(pool.getMaxLifetime()).isEqualTo(900_000);
				assertThat(pool.getDataSourceProperties()).containsEntry("socketTimeout", "30");
			});
	}

	@Test
	void whenHikariPropertiesComeFromEnvironmentVariablesShouldPassThemToThePool() {
		withEnvironment("PYWORKFLOW_POSTGRES_HIKARI_LEAKDETECTIONTHRESHOLD", "15000",
				"PYWORKFLOW_POSTGRES_HIKARI_MAXIMUMPOOLSIZE", "3")
			.run((context) -> {
				assertThat(pool(context).getLeakDetectionThreshold()).isEqualTo(15_000);
				assertThat(pool(context).getMaximumPoolSize()).isEqualTo(3);
			});
	}

	@Test
	void whenCustomizersExistShouldRunThemInOrderAfterHikariProperties() {
		List<String> seen = new ArrayList<>();
		this.runner.withPropertyValues("pyworkflow.postgres.hikari.maximum-pool-size=7")
			.withBean("second", RecordingCustomizer.class, () -> new RecordingCustomizer("second", 2, 6, seen))
			.withBean("first", RecordingCustomizer.class, () -> new RecordingCustomizer("first", 1, 5, seen))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HikariDataSource pool = pool(context);
				assertThat(seen).containsExactly("first saw 7", "second saw 5");
				assertThat(pool.getMaximumPoolSize()).isEqualTo(6);
				assertThat(pool.getJdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:1/");
			});
	}

	@Test
	void whenTheStorageIsReplacedShouldNotRunCustomizers() {
		List<String> seen = new ArrayList<>();
		this.runner.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withBean("first", RecordingCustomizer.class, () -> new RecordingCustomizer("first", 1, 5, seen))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("workflowStorageDataSource");
				assertThat(seen).isEmpty();
			});
	}

	@ParameterizedTest
	@CsvSource({ "PYWORKFLOW_POSTGRES_HIKARI_PASSWORD, pyworkflow.postgres.hikari.password",
			"PYWORKFLOW_POSTGRES_HIKARI_USERNAME, pyworkflow.postgres.hikari.username",
			"PYWORKFLOW_POSTGRES_HIKARI_JDBCURL, pyworkflow.postgres.hikari.jdbc-url",
			"PYWORKFLOW_POSTGRES_HIKARI_DRIVERCLASSNAME, pyworkflow.postgres.hikari.driver-class-name",
			"PYWORKFLOW_POSTGRES_HIKARI_DATASOURCECLASSNAME, pyworkflow.postgres.hikari.data-source-class-name",
			"PYWORKFLOW_POSTGRES_HIKARI_DATASOURCEJNDI, pyworkflow.postgres.hikari.data-source-j-n-d-i",
			"PYWORKFLOW_POSTGRES_HIKARI_CREDENTIALSPROVIDERCLASSNAME, pyworkflow.postgres.hikari.credentials-provider-class-name",
			"PYWORKFLOW_POSTGRES_HIKARI_CREDENTIALS_PASSWORD, pyworkflow.postgres.hikari.credentials",
			"PYWORKFLOW_POSTGRES_HIKARI_DATASOURCEPROPERTIES_PASSWORD, pyworkflow.postgres.hikari.data-source-properties.password",
			"PYWORKFLOW_POSTGRES_HIKARI_DATASOURCEPROPERTIES_USER, pyworkflow.postgres.hikari.data-source-properties.user" })
	void whenHikariPropertyNamesTheConnectionShouldFailNamingPropertyAndVariable(String variable, String property) {
		withEnvironment(variable, PASSWORD).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = WorkflowStoragePropertiesValidationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(property)
				.contains("\"" + variable + "\" from property source \"systemEnvironment\"")
				.doesNotContain(PASSWORD);
			assertThat(analysis.getAction()).contains("pyworkflow.postgres.").doesNotContain(PASSWORD);
			assertThat(StackTraces.of(context.getStartupFailure())).contains(property).doesNotContain(PASSWORD);
		});
	}

	@Test
	void whenADriverPropertyNamesThePasswordShouldFailWithoutShowingIt() {
		this.runner.withPropertyValues("pyworkflow.postgres.hikari.data-source-properties.password=" + PASSWORD)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(StackTraces.of(context.getStartupFailure()))
					.contains("pyworkflow.postgres.hikari.data-source-properties.password")
					.doesNotContain(PASSWORD);
			});
	}

	@Test
	void whenHikariPropertyNamesTheConnectionInCamelCaseShouldFailToo() {
		this.runner.withPropertyValues("pyworkflow.postgres.hikari.jdbcUrl=jdbc:postgresql://elsewhere/x")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("pyworkflow.postgres.hikari.jdbc-url"));
	}

	@ParameterizedTest
	@CsvSource({ "PYWORKFLOW_POSTGRES_HIKARI_LEAKDETECTIONTHRESHOLD, soon, pyworkflow.postgres.hikari.leak-detection-threshold",
			"PYWORKFLOW_POSTGRES_HIKARI_MAXIMUMPOOLSIZE, 0, pyworkflow.postgres.hikari.maximum-pool-size" })
	void whenHikariValueIsBadShouldFailAtBindingNamingPropertyAndVariable(String variable, String value,
			String property) {
		withEnvironment(variable, value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = WorkflowStoragePropertiesValidationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: " + property)
				.contains("Value: \"" + value + "\"")
				.contains("Origin: \"" + variable + "\" from property source \"systemEnvironment\"")
				.doesNotContain(PASSWORD);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void hikariPropertiesShouldHaveConfigurationMetadataMarkingConnectionPropertiesAsErrors() throws IOException {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).isNotNull();
			Map<String, Object> metadata = JsonParserFactory.getJsonParser()
				.parseMap(new String(json.readAllBytes(), StandardCharsets.UTF_8));
			Map<String, Map<String, Object>> properties = new HashMap<>();
			((List<Map<String, Object>>) metadata.get("properties"))
				.forEach((property) -> properties.put((String) property.get("name"), property));
			assertThat(properties).containsKeys("pyworkflow.postgres.hikari.leak-detection-threshold",
					"pyworkflow.postgres.hikari.keepalive-time", "pyworkflow.postgres.hikari.data-source-properties");
			assertThat(properties.get("pyworkflow.postgres.hikari.leak-detection-threshold")).doesNotContainKey("deprecation");
			assertThat(properties.get("pyworkflow.postgres.hikari.password")).extractingByKey("deprecation")
				.asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("level", "error")
				.containsEntry("replacement", "pyworkflow.postgres.password");
		}
	}

	// Records the maximum pool size it sees, then sets its own.
	record RecordingCustomizer(String name, int order, int maximumPoolSize,
			List<String> seen) implements WorkflowStoragePoolCustomizer, Ordered {

		@Override
		public void customize(HikariConfig config) {
			this.seen.add(this.name + " saw " + config.getMaximumPoolSize());
			config.setMaximumPoolSize(this.maximumPoolSize);
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
