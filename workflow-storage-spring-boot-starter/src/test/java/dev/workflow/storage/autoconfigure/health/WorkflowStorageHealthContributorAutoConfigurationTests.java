package dev.workflow.storage.autoconfigure.health;

import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.health.WorkflowStorageHealthIndicator;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.AdditionalAnswers;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowStorageHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WorkflowStorageAutoConfiguration.class, WorkflowStorageHealthContributorAutoConfiguration.class));

	@Test
	void whenStorageIsInMemoryShouldReportUpWithBackend() {
		this.runner.run((context) -> {
			Health health = context.getBean(WorkflowStorageHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backend", "memory").containsEntry("reachable", true);
		});
	}

	@Test
	void whenStorageIsPostgresShouldReportSchemaVersionAndNoPassword() {
		String database = EmbeddedPostgresServer.createDatabase("health");
		this.runner
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.user=postgres",
					"pyworkflow.postgres.password=health-secret",
					"pyworkflow.postgres.port=" + EmbeddedPostgresServer.port(), "pyworkflow.postgres.database=" + database)
			.run((context) -> {
				Health health = context.getBean(WorkflowStorageHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("backend", "postgres")
					.containsEntry("schemaVersion", SchemaMigrator.PYWORKFLOW_SCHEMA_VERSION);
				assertThat(health.toString()).doesNotContain("health-secret");
			});
	}

	@Test
	void whenTheApplicationDefinesItsOwnIndicatorUnderAnotherNameShouldKeepOnlyIt() {
		this.runner
			.withBean("storageHealth", WorkflowStorageHealthIndicator.class,
					() -> new WorkflowStorageHealthIndicator(new InMemoryWorkflowStorage()))
			.run((context) -> assertThat(context).hasSingleBean(WorkflowStorageHealthIndicator.class)
				.hasBean("storageHealth"));
	}

	@Test
	void whenTheApplicationHasTwoStoragesShouldReportOnItsPrimaryOne() {
		WorkflowStorage backend = new InMemoryWorkflowStorage();
		WorkflowStorage decorator = Mockito.mock(WorkflowStorage.class, AdditionalAnswers.delegatesTo(backend));
		this.runner.withBean("backend", WorkflowStorage.class, () -> backend)
			.withBean("decorator", WorkflowStorage.class, () -> decorator, (definition) -> definition.setPrimary(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(WorkflowStorageHealthIndicator.class).health(true);
				Mockito.verify(decorator).health();
			});
	}

	@Test
	void whenTheApplicationHasTwoStoragesAndNoPrimaryShouldStartWithoutTheIndicator() {
		this.runner.withBean("one", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withBean("two", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowStorageHealthIndicator.class));
	}

	// The canonical key (lower case, as Boot's management.health.diskspace.enabled), its kebab-case
	// spelling and the camel case written before all reach the condition through relaxed binding.
	@ParameterizedTest
	@ValueSource(strings = { "management.health.workflowstorage.enabled", "management.health.workflow-storage.enabled",
			"management.health.workflowStorage.enabled" })
	void whenIndicatorIsDisabledShouldNotCreateIt(String key) {
		this.runner.withPropertyValues(key + "=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowStorageHealthIndicator.class));
	}

	@Test
	void whenIndicatorIsDisabledByEnvironmentVariableShouldNotCreateIt() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("MANAGEMENT_HEALTH_WORKFLOWSTORAGE_ENABLED", "false"))))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowStorageHealthIndicator.class));
	}

	@Test
	void whenHealthSupportIsMissingShouldNotCreateIt() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowStorageHealthIndicator.class));
	}

}
