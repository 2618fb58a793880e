package dev.workflow.storage.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PYWORKFLOW_STORAGE_BACKEND} is pyworkflow's other name for the storage type:
 * {@code PYWORKFLOW_STORAGE_TYPE} wins when both are set.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorageBackendAliasTests {

	private static final String CONFLICT = "pyworkflow.storage.backend";

	// Schema mode none on a closed port: the database backends start without a server.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
		.withPropertyValues("pyworkflow.storage.schema=none", "pyworkflow.postgres.host=127.0.0.1",
				"pyworkflow.postgres.port=1");

	private ApplicationContextRunner withEnvironment(String... namesAndValues) {
		Map<String, Object> variables = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			variables.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)));
	}

	private static StorageType type(org.springframework.context.ApplicationContext context) {
		return context.getBean(WorkflowStorageProperties.class).getStorage().getType();
	}

	@Test
	void whenOnlyTypeIsSetShouldUseIt(CapturedOutput output) {
		withEnvironment("PYWORKFLOW_STORAGE_TYPE", "postgres").run((context) -> {
			assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
			assertThat(type(context)).isEqualTo(StorageType.POSTGRES);
			assertThat(output).doesNotContain(CONFLICT);
		});
	}

	@Test
	void whenOnlyBackendIsSetShouldUseIt(CapturedOutput output) {
		withEnvironment("PYWORKFLOW_STORAGE_BACKEND", "postgres").run((context) -> {
			assertThat(context).hasSingleBean(PostgresWorkflowStorage.class)
				.doesNotHaveBean(InMemoryWorkflowStorage.class);
			assertThat(type(context)).isEqualTo(StorageType.POSTGRES);
			assertThat(output).doesNotContain(CONFLICT);
		});
	}

	@Test
	void whenOnlyBackendIsSetToCitusShouldUseCitus() {
		withEnvironment("PYWORKFLOW_STORAGE_BACKEND", "citus").run((context) -> {
			assertThat(context).hasSingleBean(CitusWorkflowStorage.class);
			assertThat(type(context)).isEqualTo(StorageType.CITUS);
		});
	}

	@Test
	void whenBackendIsSetAsAPropertyShouldUseIt() {
		this.runner.withPropertyValues("pyworkflow.storage.backend=postgres")
			.run((context) -> assertThat(context).hasSingleBean(PostgresWorkflowStorage.class));
	}

	@Test
	void whenBothAreSetAndEqualShouldUseThemWithoutALogLine(CapturedOutput output) {
		withEnvironment("PYWORKFLOW_STORAGE_TYPE", "postgres", "PYWORKFLOW_STORAGE_BACKEND", "POSTGRES")
			.run((context) -> {
				assertThat(context).hasSingleBean(PostgresWorkflowStorage.class);
				assertThat(output).doesNotContain(CONFLICT);
			});
	}

	@Test
	void whenBothAreSetAndDifferTypeShouldWinWithOneLogLine(CapturedOutput output) {
		withEnvironment("PYWORKFLOW_STORAGE_TYPE", "memory", "PYWORKFLOW_STORAGE_BACKEND", "postgres")
			.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryWorkflowStorage.class)
					.doesNotHaveBean(PostgresWorkflowStorage.class);
				assertThat(type(context)).isEqualTo(StorageType.MEMORY);
				assertThat(output.getAll().lines().filter((line) -> line.contains(CONFLICT)))
					.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
					.contains("WARN")
					.contains("pyworkflow.storage.type=memory")
					.contains("pyworkflow.storage.backend=postgres");
			});
	}

	@Test
	void whenNeitherIsSetShouldUseMemory(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InMemoryWorkflowStorage.class).hasSingleBean(WorkflowStorage.class);
			assertThat(type(context)).isEqualTo(StorageType.MEMORY);
			assertThat(output).doesNotContain(CONFLICT);
		});
	}

	@Test
	void whenBlankTypeAndBackendIsSetShouldUseBackendAsPyworkflowDoes() {
		withEnvironment("PYWORKFLOW_STORAGE_TYPE", "", "PYWORKFLOW_STORAGE_BACKEND", "postgres")
			.run((context) -> assertThat(context).hasSingleBean(PostgresWorkflowStorage.class));
	}

	@Test
	void whenBackendIsUnknownShouldFailNamingItAndTheValue() {
		withEnvironment("PYWORKFLOW_STORAGE_BACKEND", "mongo").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("pyworkflow.storage.backend")
			.hasStackTraceContaining("mongo"));
	}

}
