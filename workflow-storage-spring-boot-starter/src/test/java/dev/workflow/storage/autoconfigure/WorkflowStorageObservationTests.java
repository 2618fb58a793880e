package dev.workflow.storage.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.store.OperationObserver;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.observation.DefaultWorkflowStorageObservationConvention;
import dev.workflow.storage.observation.ObservationOperationObserver;
import dev.workflow.storage.observation.ObservedWorkflowStorage;
import dev.workflow.storage.observation.WorkflowStorageObservationContext;
import dev.workflow.storage.observation.WorkflowStorageObservationConvention;
import io.micrometer.common.KeyValues;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The storage beans the starter defines are observed when an {@link ObservationRegistry} exists;
 * nothing else is, and nothing is when observations are off.
 */
class WorkflowStorageObservationTests {

	private static final String NAME = DefaultWorkflowStorageObservationConvention.NAME;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class));

	// As an application with spring-boot-micrometer-metrics has it: one Observation per call, turned
	// into a timer by Boot's DefaultMeterObservationHandler.
	private final ApplicationContextRunner withBootMetrics = this.runner
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

	@Test
	void whenObservationRegistryExistsShouldObserveOperationWithLowCardinalityKeys() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create).run((context) -> {
			WorkflowRun run = TestData.run(Instant.now()).build();
			context.getBean(WorkflowStorage.class).createRun(run);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasSingleObservationThat()
				.hasNameEqualTo(NAME)
				.hasContextualNameEqualTo("workflow-storage createRun")
				.hasLowCardinalityKeyValue("operation", "createRun")
				.hasLowCardinalityKeyValue("backend", "memory")
				.hasLowCardinalityKeyValue("outcome", "success")
				.doesNotHaveError()
				.hasBeenStarted()
				.hasBeenStopped()
				.doesNotHaveHighCardinalityKeyValueWithKey("run_id");
		});
	}

	@Test
	void whenOperationsFailShouldTagTheirOutcomeAndError() {
		this.withBootMetrics.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			WorkflowRun run = TestData.run(Instant.now()).build();
			storage.createRun(run);
			assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> storage.createRun(run));
			assertThatExceptionOfType(NotFoundException.class)
				.isThrownBy(() -> storage.updateRunStatus("missing", RunStatus.RUNNING, null, null));
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> storage.getRun("x".repeat(600)));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(timer(registry, "createRun", "success").count()).isEqualTo(1);
			assertThat(timer(registry, "createRun", "duplicate").getId().getTag("error"))
				.isEqualTo("DuplicateIdException");
			assertThat(timer(registry, "updateRunStatus", "not_found").getId().getTag("error"))
				.isEqualTo("NotFoundException");
			assertThat(timer(registry, "getRun", "invalid").getId().getTag("error"))
				.isEqualTo("InvalidInputException");
			assertThat(registry.get(NAME + ".active").longTaskTimer().activeTasks()).isZero();
		});
	}

	@Test
	void whenHealthIsProbedShouldNotObserveIt() {
		this.withBootMetrics.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			storage.health();
			storage.checkHealth();
			assertThat(storage.backend()).isEqualTo("memory");
			assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
		});
	}

	@Test
	void whenObservedShouldDefineTheStorageByItsOwnType() {
		this.withBootMetrics.run((context) -> {
			assertThat(context.getBeanFactory().getType("workflowStorage")).isEqualTo(InMemoryWorkflowStorage.class);
			assertThat(context.getBean(InMemoryWorkflowStorage.class)).isSameAs(context.getBean(WorkflowStorage.class));
		});
	}

	@Test
	void whenObservationsAreSwitchedOffShouldLeaveTheStoragePlain() {
		this.withBootMetrics.withPropertyValues("pyworkflow.storage.observations.enabled=false").run((context) -> {
			assertThat(context.getBean(InMemoryWorkflowStorage.class)).isSameAs(context.getBean(WorkflowStorage.class));
			context.getBean(WorkflowStorage.class).getRun("run");
			assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
		});
	}

	@Test
	void whenBootDisablesTheObservationShouldRecordNothing() {
		this.withBootMetrics.withPropertyValues("management.observations.enable.workflow.storage=false")
			.run((context) -> {
				context.getBean(WorkflowStorage.class).getRun("run");
				assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
			});
	}

	@Test
	void whenApplicationDefinesItsOwnStorageShouldNotWrapIt() {
		WorkflowStorage own = new InMemoryWorkflowStorage();
		this.withBootMetrics.withBean(WorkflowStorage.class, () -> own).run((context) -> {
			assertThat(context.getBean(WorkflowStorage.class)).isSameAs(own);
			own.getRun("run");
			assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
		});
	}

	@Test
	void whenApplicationObservesItsOwnDecoratorShouldTagTheBackendItReports() {
		// On an application configured for PostgreSQL: the tag is the storage's, not the property's.
		this.withBootMetrics.withPropertyValues("pyworkflow.storage.type=postgres")
			.withUserConfiguration(OwnObservedDecorator.class)
			.run((context) -> {
				context.getBean(WorkflowStorage.class).getRun("run");
				assertThat(context.getBean(MeterRegistry.class).get(NAME).tag("operation", "getRun").timer().getId()
					.getTag("backend")).isEqualTo("memory");
			});
	}

	@Test
	void whenObservedShouldKeepTheBackendsOwnType() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none",
					"pyworkflow.postgres.host=127.0.0.1", "pyworkflow.postgres.port=1")
			.run((context) -> {
				assertThat(context).hasSingleBean(WorkflowStorage.class);
				assertThat(context.getBeanFactory().getType("workflowStorage")).isEqualTo(PostgresWorkflowStorage.class);
				assertThat(context.getBean(PostgresWorkflowStorage.class)).isSameAs(context.getBean(WorkflowStorage.class));
			});
	}

	@Test
	void whenObservedShouldObserveTheBackendLookedUpByItsOwnType() {
		this.withBootMetrics.run((context) -> {
			InMemoryWorkflowStorage storage = context.getBean(InMemoryWorkflowStorage.class);
			storage.getRun("run");
			assertThat(timer(context.getBean(MeterRegistry.class), "getRun", "success").count()).isEqualTo(1);
		});
	}

	@Test
	void whenAnOperationObserverBeanExistsShouldSetItOnTheStorage() {
		List<Operation> observed = new ArrayList<>();
		OperationObserver own = new OperationObserver() {

			@Override
			public <T> T observe(Operation operation, String backend, Supplier<T> call) {
				observed.add(operation);
				return call.get();
			}

		};
		this.withBootMetrics.withBean(OperationObserver.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationOperationObserver.class);
			context.getBean(WorkflowStorage.class).getRun("run");
			assertThat(observed).containsExactly(Operation.GET_RUN);
			assertThat(context.getBean(MeterRegistry.class).find(NAME).timers()).isEmpty();
		});
	}

	@Test
	void whenAConventionBeanExistsShouldUseIt() {
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(WorkflowStorageObservationConvention.class, TenantConvention::new)
			.run((context) -> {
				context.getBean(WorkflowStorage.class).getRun("run");
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasSingleObservationThat()
					.hasNameEqualTo("tenant.storage")
					.hasLowCardinalityKeyValue("tenant", "blue");
			});
	}

	@Test
	void whenMicrometerObservationIsMissingShouldLeaveTheStoragePlain() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.run((context) -> assertThat(context.getBean(WorkflowStorage.class))
				.isSameAs(context.getBean(InMemoryWorkflowStorage.class)));
	}

	@Test
	void whenMicrometerIsMissingShouldLeaveTheStoragePlain() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context.getBean(WorkflowStorage.class))
				.isSameAs(context.getBean(InMemoryWorkflowStorage.class)));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnObservedDecorator {

		// A decorator of the application's that reports its delegate's backend, wrapped by hand.
		@Bean
		WorkflowStorage workflowStorage(ObservationRegistry registry) {
			WorkflowStorage decorator = Mockito.mock(WorkflowStorage.class,
					AdditionalAnswers.delegatesTo(new InMemoryWorkflowStorage()));
			return new ObservedWorkflowStorage(decorator, registry);
		}

	}

	static class TenantConvention implements WorkflowStorageObservationConvention {

		@Override
		public String getName() {
			return "tenant.storage";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(WorkflowStorageObservationContext context) {
			return KeyValues.of("tenant", "blue");
		}

	}

	private static Timer timer(MeterRegistry registry, String operation, String outcome) {
		return registry.get(NAME).tags("operation", operation, "backend", "memory", "outcome", outcome).timer();
	}

}
