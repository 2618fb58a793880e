package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.citus.CitusDialect;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.postgres.JdbcDialect;
import dev.workflow.storage.postgres.PostgresDialect;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter chooses a dialect by {@code pyworkflow.storage.type}, and the storage, its schema
 * migration and health come from it; the Citus module is optional.
 */
class StorageDialectTests {

	// Schema mode none on a closed port: the database backends start without a server.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
		.withPropertyValues("pyworkflow.storage.schema=none", "pyworkflow.postgres.host=127.0.0.1",
				"pyworkflow.postgres.port=1");

	@Test
	void postgresUsesThePostgresDialect() {
		this.runner.withPropertyValues("pyworkflow.storage.type=postgres").run((context) -> {
			assertThat(context).getBean(JdbcDialect.class).isSameAs(PostgresDialect.INSTANCE);
			assertThat(context.getBean(PostgresWorkflowStorage.class).dialect()).isSameAs(PostgresDialect.INSTANCE);
			assertThat(context.getBean(PostgresWorkflowStorage.class).backend()).isEqualTo("postgres");
		});
	}

	@Test
	void citusUsesTheCitusDialect() {
		this.runner.withPropertyValues("pyworkflow.storage.type=citus").run((context) -> {
			assertThat(context).getBean(JdbcDialect.class).isSameAs(CitusDialect.INSTANCE);
			assertThat(context.getBean(CitusWorkflowStorage.class).backend()).isEqualTo("citus");
		});
	}

	@Test
	void memoryNeedsNoDialect() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryWorkflowStorage.class).doesNotHaveBean(JdbcDialect.class);
			assertThat(context.getBean(InMemoryWorkflowStorage.class).backend()).isEqualTo("memory");
		});
	}

	@Test
	void postgresRunsWithoutTheCitusModule() {
		this.runner.withClassLoader(new FilteredClassLoader("dev.workflow.storage.citus"))
			.withPropertyValues("pyworkflow.storage.type=postgres")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(PostgresWorkflowStorage.class));
	}

	@Test
	void citusWithoutTheCitusModuleFailsNamingTheDependency() {
		this.runner.withClassLoader(new FilteredClassLoader("dev.workflow.storage.citus"))
			.withPropertyValues("pyworkflow.storage.type=citus")
			.run((context) -> {
				assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.isInstanceOf(StorageTypeNotAvailableException.class)
					.hasMessageContaining("pyworkflow.storage.type=citus");
				FailureAnalysis analysis = WorkflowStoragePropertiesValidationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("needs the Citus module on the classpath");
				assertThat(analysis.getAction()).contains("dev.workflow:workflow-storage-citus");
			});
	}

}
