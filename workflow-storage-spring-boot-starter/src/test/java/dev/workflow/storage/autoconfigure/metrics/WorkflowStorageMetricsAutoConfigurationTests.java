package dev.workflow.storage.autoconfigure.metrics;

import java.time.Instant;

import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.metrics.MeteredWorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkflowStorageMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WorkflowStorageAutoConfiguration.class, WorkflowStorageMetricsAutoConfiguration.class));

	@Test
	void whenMeterRegistryExistsShouldTimeEveryOperationWithOutcome() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.createRun(TestData.run(Instant.now()).build());
			assertThatExceptionOfType(NotFoundException.class)
				.isThrownBy(() -> storage.updateRunStatus("missing", RunStatus.RUNNING, null, null));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MeteredWorkflowStorage.METRIC_NAME)
				.tags("operation", "createRun", "backend", "memory", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get(MeteredWorkflowStorage.METRIC_NAME)
				.tags("operation", "updateRunStatus", "outcome", "not_found")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void whenNoMeterRegistryExistsShouldLeaveStorageUntimed() {
		this.runner.run((context) -> assertThat(context.getBean(WorkflowStorage.class).getClass().getSimpleName())
			.isEqualTo("InMemoryWorkflowStorage"));
	}

	@Test
	void whenMicrometerIsMissingShouldLeaveStorageUntimed() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context.getBean(WorkflowStorage.class).getClass().getSimpleName())
				.isEqualTo("InMemoryWorkflowStorage"));
	}

}
