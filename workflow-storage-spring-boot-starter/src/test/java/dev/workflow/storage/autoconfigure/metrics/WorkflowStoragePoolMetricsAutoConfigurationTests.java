package dev.workflow.storage.autoconfigure.metrics;

import java.sql.Connection;
import java.time.Instant;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStoragePoolCustomizer;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HikariCP's meters for the starter's pool, tagged {@code pool=pyworkflow}, on a real
 * PostgreSQL; and what Spring Boot's own DataSource pool metrics do with that pool.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowStoragePoolMetricsAutoConfigurationTests {

	// Boot's metrics, its DataSource pool metrics among them, as an application with Actuator has.
	private static final AutoConfigurations BOOT_METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
			DataSourcePoolMetricsAutoConfiguration.class);

	private static final AutoConfigurations STARTER = AutoConfigurations.of(WorkflowStorageAutoConfiguration.class,
			WorkflowStoragePoolMetricsAutoConfiguration.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(STARTER)
		.withConfiguration(BOOT_METRICS);

	// Schema mode none on a closed port: the pool is built but never connects.
	private static final String[] UNREACHABLE = { "pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none",
			"pyworkflow.postgres.host=127.0.0.1", "pyworkflow.postgres.port=1" };

	private static ApplicationContextRunner onPostgres(ApplicationContextRunner runner, String database) {
		return runner.withPropertyValues(EmbeddedPostgresServer.pyworkflowProperties("postgres", database)
			.entrySet()
			.stream()
			.map((property) -> property.getKey() + "=" + property.getValue())
			.toArray(String[]::new));
	}

	private static void useTheStorage(ApplicationContext context) {
		context.getBean(WorkflowStorage.class).createRun(TestData.run(Instant.now()).build());
	}

	private static HikariDataSource pool(ApplicationContext context) {
		return context.getBean("workflowStorageDataSource", HikariDataSource.class);
	}

	private static void assertPoolMeters(MeterRegistry registry, String pool, int maxConnections) {
		assertThat(registry.find("hikaricp.connections").tag("pool", pool).gauge()).isNotNull();
		assertThat(registry.find("hikaricp.connections.max").tag("pool", pool).gauge().value())
			.isEqualTo(maxConnections);
		assertThat(registry.find("hikaricp.connections.acquire").tag("pool", pool).timer().count()).isPositive();
	}

	@Test
	void whenMeterRegistryExistsShouldRecordThePoolsHikariMeters() {
		onPostgres(this.runner, EmbeddedPostgresServer.createDatabase("pool_metrics")).run((context) -> {
			assertThat(context).hasNotFailed();
			useTheStorage(context);
			assertPoolMeters(context.getBean(MeterRegistry.class), "pyworkflow", 10);
		});
	}

	private static ApplicationContextRunner withApplicationDataSource(ApplicationContextRunner runner,
			String database) {
		return onPostgres(runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class)), database)
			.withPropertyValues("spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl(database),
					"spring.datasource.username=postgres", "spring.datasource.hikari.pool-name=application");
	}

	// What the starter makes up for: Boot 4.0's DataSourcePoolMetricsAutoConfiguration is
	// @ConditionalOnBean(DataSource.class), which does not count a bean that is not a default
	// candidate, so with no DataSource of the application's it is off.
	@Test
	void bootsDataSourcePoolMetricsAloneShouldLeaveOutThePoolWhenItIsTheOnlyDataSource() {
		onPostgres(bootOnly(), EmbeddedPostgresServer.createDatabase("pool_metrics_boot")).run((context) -> {
			assertThat(context).hasNotFailed();
			useTheStorage(context);
			assertThat(context.getBean(MeterRegistry.class).find("hikaricp.connections").meters()).isEmpty();
		});
	}

	// Once it is on, for the application's DataSource, its Hikari binder walks every DataSource,
	// default candidate or not: then it binds our pool too, after startup.
	@Test
	void bootsDataSourcePoolMetricsAloneShouldBindThePoolWhenTheApplicationHasADataSource() {
		withApplicationDataSource(bootOnly(), EmbeddedPostgresServer.createDatabase("pool_metrics_boot_app"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				useTheStorage(context);
				assertPoolMeters(context.getBean(MeterRegistry.class), "pyworkflow", 10);
			});
	}

	private static ApplicationContextRunner bootOnly() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withConfiguration(BOOT_METRICS);
	}

	// With ours, Boot's Hikari binder finds our pool already tracked and leaves it: one set of
	// meters per pool, and no warning.
	@Test
	void whenTheApplicationHasItsOwnDataSourceShouldRecordBothPoolsOnce(CapturedOutput output) {
		withApplicationDataSource(this.runner, EmbeddedPostgresServer.createDatabase("pool_metrics_app"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				useTheStorage(context);
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertPoolMeters(registry, "pyworkflow", 10);
				assertPoolMeters(registry, "application", 10);
				assertThat(pool(context).getMetricsTrackerFactory()).isInstanceOf(MicrometerMetricsTrackerFactory.class);
				assertThat(output).doesNotContain("Failed to bind Hikari metrics");
			});
	}

	@Test
	void whenMeterRegistryExistsShouldTrackThePoolFromItsStart() {
		this.runner.withPropertyValues(UNREACHABLE)
			.run((context) -> assertThat(pool(context).getMetricsTrackerFactory())
				.isInstanceOf(MicrometerMetricsTrackerFactory.class));
	}

	@Test
	void whenNoMeterRegistryExistsShouldNotTrackThePool() {
		new ApplicationContextRunner().withConfiguration(STARTER).withPropertyValues(UNREACHABLE).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStoragePoolMetrics.class);
			assertThat(pool(context).getMetricsTrackerFactory()).isNull();
		});
	}

	@Test
	void whenMicrometerIsMissingShouldStillBuildThePool() {
		new ApplicationContextRunner().withConfiguration(STARTER)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(UNREACHABLE)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStoragePoolMetrics.class);
				assertThat(pool(context).getMetricsTrackerFactory()).isNull();
			});
	}

	@Test
	void whenApplicationDefinesAStorageShouldDefineNoPoolMetrics() {
		new ApplicationContextRunner().withConfiguration(STARTER)
			.withPropertyValues(UNREACHABLE)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(WorkflowStoragePoolMetrics.class)
					.doesNotHaveBean("workflowStorageDataSource");
				assertThat(context.getBean(MeterRegistry.class).find("hikaricp.connections").meters()).isEmpty();
			});
	}

	@Test
	void whenACustomizerChoseItsOwnTrackerShouldKeepIt() {
		MetricsTrackerFactory own = (poolName, poolStats) -> new IMetricsTracker() {
		};
		this.runner.withPropertyValues(UNREACHABLE)
			.withBean(WorkflowStoragePoolCustomizer.class, () -> (config) -> config.setMetricsTrackerFactory(own))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(pool(context).getMetricsTrackerFactory()).isSameAs(own);
				assertThat(context.getBean(MeterRegistry.class).find("hikaricp.connections").meters()).isEmpty();
			});
	}

}
