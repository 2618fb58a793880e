package dev.workflow.storage.autoconfigure.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStoragePropertiesValidationTests;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.retention.CompletedRetentionPass;
import dev.workflow.storage.retention.RetentionMeters;
import dev.workflow.storage.retention.RetentionScheduler;
import dev.workflow.storage.retention.WorkflowStorageRetention;
import dev.workflow.storage.retention.WorkflowStorageRetentionEndpoint;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WorkflowStorageRetentionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(WorkflowStorageAutoConfiguration.class, WorkflowStorageRetentionAutoConfiguration.class));

	@Test
	void whenNoDaysAreSetShouldDefineNoRetention() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WorkflowStorage.class)
			.doesNotHaveBean(WorkflowStorageRetention.class)
			.doesNotHaveBean(RetentionScheduler.class));
	}

	@Test
	void whenDaysAreSetShouldScheduleRetentionOfTheStorage() {
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=30").run((context) -> {
			assertThat(context).hasSingleBean(WorkflowStorageRetention.class).hasSingleBean(RetentionScheduler.class);
			assertThat(context.getBean(WorkflowStorageRetention.class).days()).isEqualTo(30);
			assertThat(context.getBean(RetentionScheduler.class).isRunning()).isTrue();
		});
	}

	@Test
	void whenPyworkflowsVariableIsSetShouldTakeItsDays() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("PYWORKFLOW_DATA_RETENTION_DAYS", "7"))))
			.run((context) -> assertThat(context.getBean(WorkflowStorageRetention.class).days()).isEqualTo(7));
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=3", "pyworkflow.data.retention.days=7")
			.run((context) -> assertThat(context.getBean(WorkflowStorageRetention.class).days()).isEqualTo(3));
	}

	@Test
	void whenTheIntervalHasPassedShouldHaveDeletedOldRunsAndRecordedIt(CapturedOutput output) {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("pyworkflow.storage.retention.days=1", "pyworkflow.storage.retention.interval=200ms")
			.run((context) -> {
				WorkflowStorage storage = context.getBean(WorkflowStorage.class);
				Instant old = Instant.now().minus(Duration.ofDays(2));
				WorkflowRun ended = TestData.run(old).status(RunStatus.COMPLETED).updatedAt(old).build();
				WorkflowRun running = TestData.run(old).status(RunStatus.RUNNING).updatedAt(old).build();
				storage.createRun(ended);
				storage.createRun(running);
				WorkflowStorageRetention retention = context.getBean(WorkflowStorageRetention.class);
				long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
				while (retention.lastPass().map((last) -> last.pass().runs()).orElse(0L) == 0
						&& System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				assertThat(storage.getRun(ended.runId())).isEmpty();
				assertThat(storage.getRun(running.runId())).isPresent();
				assertThat(retention.lastPass()).isPresent();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(RetentionMeters.DELETED).tag("table", "workflow_runs").counter().count())
					.isEqualTo(1);
				assertThat(registry.get(RetentionMeters.PASS).timer().count()).isPositive();
			});
		assertThat(output).contains("Retention pass deleted 1 runs in").contains("rows: workflow_runs=1");
	}

	@Test
	void whenRunByHandThroughTheEndpointShouldRunAPassNow() {
		this.runner
			.withPropertyValues("pyworkflow.storage.retention.days=0",
					"management.endpoints.web.exposure.include=workflowstorageretention")
			.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			Instant old = Instant.now().minusSeconds(60);
			storage.createRun(TestData.run(old).status(RunStatus.FAILED).updatedAt(old).build());
			WorkflowStorageRetentionEndpoint endpoint = context.getBean(WorkflowStorageRetentionEndpoint.class);
			Map<String, Object> pass = endpoint.runPass();
			assertThat(pass).containsEntry("runs", 1L).containsEntry("skipped", false);
			assertThat(endpoint.lastPass()).containsEntry("days", 0L).containsKey("lastPass");
		});
	}

	@Test
	void whenTheApplicationDefinesItsOwnRetentionShouldKeepIt() {
		WorkflowStorageRetention own = new WorkflowStorageRetention(new InMemoryWorkflowStorage(), 9, 10,
				Clock.systemUTC(), List.of());
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=30")
			.withBean(WorkflowStorageRetention.class, () -> own)
			.run((context) -> assertThat(context.getBean(WorkflowStorageRetention.class)).isSameAs(own));
	}

	@Test
	void whenTheApplicationHasTwoStoragesWithoutAPrimaryShouldDefineNoRetention() {
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=30")
			.withBean("first", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.withBean("second", WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowStorageRetention.class));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "pyworkflow.storage.retention.days=-1|pyworkflow.storage.retention.days",
			"pyworkflow.data.retention.days=-3|pyworkflow.data.retention.days",
			"pyworkflow.storage.retention.batch-size=0|pyworkflow.storage.retention.batch-size",
			"pyworkflow.storage.retention.interval=0|pyworkflow.storage.retention.interval" })
	void whenAValueIsBadShouldFailNamingTheProperty(String property, String name) {
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=30", property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = WorkflowStoragePropertiesValidationTests.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(name);
		});
	}

	@Test
	void lastPassIsEmptyBeforeTheFirst() {
		this.runner.withPropertyValues("pyworkflow.storage.retention.days=30")
			.run((context) -> assertThat(context.getBean(WorkflowStorageRetention.class).lastPass()
				.map(CompletedRetentionPass::pass)).isEmpty());
	}

}
