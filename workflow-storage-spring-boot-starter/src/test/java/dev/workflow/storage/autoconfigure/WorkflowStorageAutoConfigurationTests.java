package dev.workflow.storage.autoconfigure;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusNotAvailableException;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class WorkflowStorageAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class));

	private static String[] postgresProperties(String database, String... more) {
		List<String> properties = new java.util.ArrayList<>();
		EmbeddedPostgresServer.pyworkflowProperties("postgres", database)
			.forEach((name, value) -> properties.add(name + "=" + value));
		properties.addAll(List.of(more));
		return properties.toArray(new String[0]);
	}

	private static List<String> tables(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
			.query(String.class)
			.list();
	}

	@Test
	void whenNothingIsSetShouldUseMemoryAndWarnThatNothingIsKept(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WorkflowStorage.class).hasSingleBean(InMemoryWorkflowStorage.class);
			assertThat(context).doesNotHaveBean(HikariDataSource.class)
				.doesNotHaveBean(WorkflowStorageSchemaInitializer.class);
			assertThat(output).contains("WARN").contains("Workflow storage is in memory");
		});
	}

	@Test
	void eventTypesArePyworkflowsUnlessAnyIsAllowed() {
		WorkflowRun run = WorkflowRun.builder("typed-run", "billing").build();
		Event custom = Event.of("evt-custom", run.runId(), "vendor.custom", Instant.now(), "{}");
		this.runner.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.createRun(run);
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> storage.recordEvent(custom))
				.withMessageContaining("'vendor.custom'");
		});
		this.runner.withPropertyValues("pyworkflow.storage.event-types=any").run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.createRun(run);
			assertThat(storage.recordEvent(custom)).isZero();
		});
		Event signalReceived = Event.of("evt-signal", run.runId(), "signal.received", Instant.now(), "{}");
		this.runner.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.createRun(run);
			assertThat(storage.recordEvent(signalReceived)).isZero();
		});
		this.runner.withPropertyValues("pyworkflow.storage.event-types=pyworkflow-2aed3e2").run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.createRun(run);
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> storage.recordEvent(signalReceived))
				.withMessageContaining("pyworkflow 2aed3e2's event types");
		});
		String database = EmbeddedPostgresServer.createDatabase("event_types");
		Map<String, Object> environment = Map.of("PYWORKFLOW_STORAGE_EVENTTYPES", "any");
		this.runner.withPropertyValues(postgresProperties(database))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
			.run((context) -> {
				WorkflowStorage storage = context.getBean(WorkflowStorage.class);
				storage.createRun(run);
				assertThat(storage.recordEvent(custom)).isZero();
			});
	}

	@Test
	void whenTypeIsPostgresShouldMigrateAndUseADedicatedPool() {
		String database = EmbeddedPostgresServer.createDatabase("starter");
		this.runner.withPropertyValues(postgresProperties(database, "pyworkflow.postgres.max-pool-size=3"))
			.run((context) -> {
				assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
				HikariDataSource pool = context.getBean("workflowStorageDataSource", HikariDataSource.class);
				assertThat(pool.getPoolName()).isEqualTo("pyworkflow");
				assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
				assertThat(pool.getJdbcUrl()).endsWith("/" + database);
				assertThat(context.getBeanFactory().getBeanDefinition("workflowStorageDataSource") instanceof org.springframework.beans.factory.support.AbstractBeanDefinition definition && definition.isDefaultCandidate())
					.isFalse();
				assertThat(tables(pool)).contains("workflow_runs", "events", "schema_versions");
				WorkflowStorage storage = context.getBean(WorkflowStorage.class);
				storage.createRun(TestData.run(Instant.now()).build());
			});
	}

	@Test
	void whenPyworkflowEnvironmentVariablesAreSetShouldBindThem() {
		String database = EmbeddedPostgresServer.createDatabase("environment");
		Map<String, Object> environment = new HashMap<>();
		environment.put("PYWORKFLOW_STORAGE_TYPE", "postgres");
		environment.put("PYWORKFLOW_POSTGRES_HOST", "localhost");
		environment.put("PYWORKFLOW_POSTGRES_PORT", String.valueOf(EmbeddedPostgresServer.port()));
		environment.put("PYWORKFLOW_POSTGRES_USER", "postgres");
		environment.put("PYWORKFLOW_POSTGRES_PASSWORD", "env-secret");
		environment.put("PYWORKFLOW_POSTGRES_DATABASE", database);
		environment.put("PYWORKFLOW_POSTGRES_MIN_POOL_SIZE", "2");
		environment.put("PYWORKFLOW_POSTGRES_MAX_POOL_SIZE", "7");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
			.run((context) -> {
				WorkflowStorageProperties properties = context.getBean(WorkflowStorageProperties.class);
				assertThat(properties.getStorage().getType()).isEqualTo(StorageType.POSTGRES);
				assertThat(properties.getPostgres().getMinPoolSize()).isEqualTo(2);
				assertThat(properties.getPostgres().getMaxPoolSize()).isEqualTo(7);
				assertThat(properties.getPostgres().getPassword()).isEqualTo("env-secret");
				assertThat(properties.getPostgres().toString()).doesNotContain("env-secret").contains("******");
				HikariDataSource pool = context.getBean("workflowStorageDataSource", HikariDataSource.class);
				assertThat(pool.getMinimumIdle()).isEqualTo(2);
				assertThat(pool.getMaximumPoolSize()).isEqualTo(7);
				assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
			});
	}

	@Test
	void whenDsnIsSetShouldConnectThroughItWithoutShowingThePassword() {
		String database = EmbeddedPostgresServer.createDatabase("dsn");
		this.runner
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.dsn=postgresql://postgres:"
					+ "dsn%40secret@localhost:" + EmbeddedPostgresServer.port() + "/" + database,
					"pyworkflow.postgres.sslmode=disable")
			.run((context) -> {
				WorkflowStorageConnectionDetails details = context.getBean(WorkflowStorageConnectionDetails.class);
				assertThat(details.getJdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + EmbeddedPostgresServer.port()
						+ "/" + database + "?sslmode=disable");
				assertThat(details.getPassword()).isEqualTo("dsn@secret");
				assertThat(context.getBean(WorkflowStorageProperties.class).getPostgres().toString())
					.doesNotContain("secret");
				assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
			});
	}

	@Test
	void whenApplicationMarksItsOwnDataSourceShouldUseIt() {
		this.runner.withPropertyValues("pyworkflow.storage.type=postgres")
			.withUserConfiguration(OwnDataSourceConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("workflowStorageDataSource");
				assertThat(tables(context.getBean("markedDataSource", DataSource.class))).contains("workflow_runs");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDataSourceConfiguration {

		@Bean(defaultCandidate = false)
		@WorkflowStorageDataSource
		HikariDataSource markedDataSource() {
			return EmbeddedPostgresServer.newDatabase("own");
		}

	}

	@Test
	void whenApplicationDefinesAStorageShouldBackOff() {
		WorkflowStorage custom = new InMemoryWorkflowStorage();
		this.runner.withBean(WorkflowStorage.class, () -> custom).run((context) -> {
			assertThat(context).hasSingleBean(WorkflowStorage.class);
			assertThat(context.getBean(WorkflowStorage.class)).isSameAs(custom);
		});
	}

	@Test
	void whenApplicationHasItsOwnLiquibaseBothMigrationsRunOnTheSameDatabase() {
		String database = EmbeddedPostgresServer.createDatabase("app_liquibase");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					LiquibaseAutoConfiguration.class, WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(postgresProperties(database, "spring.datasource.url="
					+ EmbeddedPostgresServer.jdbcUrl(database), "spring.datasource.username=postgres",
					"spring.liquibase.change-log=classpath:db/app/changelog.yaml"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource primary = context.getBean(DataSource.class);
				assertThat(primary).isNotSameAs(context.getBean("workflowStorageDataSource"));
				assertThat(tables(primary)).contains("app_orders", "databasechangelog", "workflow_runs",
						"pyworkflow_databasechangelog");
				assertThat(JdbcClient.create(primary)
					.sql("SELECT id FROM databasechangelog")
					.query(String.class)
					.list()).containsExactly("app-orders");
			});
	}

	@Test
	void whenSchemaIsNoneShouldNotTouchTheDatabase() {
		String database = EmbeddedPostgresServer.createDatabase("schema_none");
		this.runner.withPropertyValues(postgresProperties(database, "pyworkflow.storage.schema=none"))
			.run((context) -> {
				assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
				assertThat(tables(context.getBean("workflowStorageDataSource", DataSource.class))).isEmpty();
			});
	}

	@Test
	void whenSchemaIsValidateAndChangesArePendingShouldFail() {
		String database = EmbeddedPostgresServer.createDatabase("schema_validate");
		this.runner.withPropertyValues(postgresProperties(database, "pyworkflow.storage.schema=validate"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(SchemaMigrationException.class)
				.hasMessageContaining("not up to date"));
	}

	@Test
	void whenTypeIsCitusOnPlainPostgresqlShouldFailWithAnalysis() {
		String database = EmbeddedPostgresServer.createDatabase("citus_missing");
		this.runner
			.withPropertyValues(postgresProperties(database, "pyworkflow.storage.type=citus",
					"pyworkflow.postgres.password=never-shown"))
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).isInstanceOf(org.springframework.beans.factory.BeanCreationException.class)
					.hasStackTraceContaining(CitusNotAvailableException.class.getName());
				FailureAnalysis analysis = new CitusNotAvailableFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains("has no Citus extension").contains(database);
				assertThat(analysis.getAction()).contains("CREATE EXTENSION citus")
					.contains("pyworkflow.storage.type=postgres");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("never-shown");
			});
	}

	@Test
	void whenServerRefusesConnectionsShouldFailNamingHostAndPortButNotThePassword() throws Exception {
		int closedPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.runner
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.host=127.0.0.1",
					"pyworkflow.postgres.port=" + closedPort, "pyworkflow.postgres.password=hidden-secret",
					"pyworkflow.postgres.connect-timeout=1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				assertThat(failure).rootCause().isNotNull();
				FailureAnalysis analysis = new WorkflowStorageConnectionFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("127.0.0.1:" + closedPort);
				assertThat(analysis.getAction()).contains("PYWORKFLOW_POSTGRES_HOST");
				assertThat(analysis.getDescription() + analysis.getAction() + stackTrace(failure))
					.doesNotContain("hidden-secret");
			});
	}

	@Test
	void whenConnectionDetailsBeanExistsShouldConnectThroughIt() {
		String database = EmbeddedPostgresServer.createDatabase("details");
		this.runner.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.port=1")
			.withBean(WorkflowStorageConnectionDetails.class, () -> new WorkflowStorageConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return EmbeddedPostgresServer.jdbcUrl(database);
				}

				@Override
				public String getUsername() {
					return "postgres";
				}

				@Override
				public String getPassword() {
					return "";
				}

			})
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PostgresWorkflowStorage.class);
				assertThat(context.getBean("workflowStorageDataSource", HikariDataSource.class).getJdbcUrl())
					.isEqualTo(EmbeddedPostgresServer.jdbcUrl(database));
			});
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter writer = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(writer));
		return writer.toString();
	}

}
