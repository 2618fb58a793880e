package dev.workflow.storage.autoconfigure;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.health.WorkflowStorageHealthContributorAutoConfiguration;
import dev.workflow.storage.autoconfigure.metrics.WorkflowStoragePoolMetricsAutoConfiguration;
import dev.workflow.storage.health.WorkflowStorageHealthIndicator;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application using the starter, processed ahead of time as Spring Boot's build plugins do for
 * an AOT or native build: the generated sources compile, a context started from them alone (no
 * configuration class parsing, no condition evaluation) has a working storage, and the runtime
 * hints of the processing include our changelogs. Conditions are evaluated at build time, so the
 * storage type is fixed then.
 */
// The generated code reaches package-private configuration classes: it must share their class loader.
@CompileWithForkedClassLoader
class WorkflowStorageAotTests {

	// DriverManager looks drivers up once per JVM, through the context class loader of its first
	// caller, and gives each caller only the drivers of its own class loader. Make that lookup with the
	// application class loader, or the next tests' pools find "No suitable driver", and register the
	// forked class loader's copy of the driver for this test's own pools.
	static {
		Thread thread = Thread.currentThread();
		ClassLoader contextClassLoader = thread.getContextClassLoader();
		thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
		try {
			DriverManager.getDrivers();
		}
		finally {
			thread.setContextClassLoader(contextClassLoader);
		}
		if (!Driver.isRegistered()) {
			try {
				Driver.register();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void memoryStorageFromGeneratedCode() {
		Map<String, Object> properties = Map.of("pyworkflow.storage.type", "memory");
		startFromGeneratedCode(properties, properties, (context) -> {
			assertThat(context.getBean(WorkflowStorage.class)).isInstanceOf(InMemoryWorkflowStorage.class);
			assertStorageWorks(context);
		});
	}

	@Test
	void postgresStorageFromGeneratedCodeOnARealServer() {
		Map<String, Object> properties = Map
			.copyOf(EmbeddedPostgresServer.pyworkflowProperties("postgres", EmbeddedPostgresServer.createDatabase("aot")));
		startFromGeneratedCode(properties, properties, (context) -> {
			assertThat(context.getBean(WorkflowStorage.class)).isInstanceOf(PostgresWorkflowStorage.class);
			assertThat(context.getBean(WorkflowStorageSchemaInitializer.class)).isNotNull();
			assertStorageWorks(context);
			assertThat(context.getBean(WorkflowStorageHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("workflow.storage.operations").tag("operation", "createRun").timer().count())
				.isEqualTo(1);
			assertThat(registry.get("hikaricp.connections").tag("pool", "pyworkflow").gauge()).isNotNull();
		});
	}

	@Test
	void aStorageTypeChangedAfterTheBuildStopsTheStart() {
		// Built for memory, run with postgres settings: the generated code has no database beans, so
		// it would keep the data in memory without a word.
		assertThatThrownBy(() -> startFromGeneratedCode(Map.of("pyworkflow.storage.type", "memory"),
				Map.of("pyworkflow.storage.type", "postgres", "pyworkflow.postgres.port", "1"), (context) -> {
				}))
			.rootCause()
			.isInstanceOf(StorageTypeNotAvailableException.class)
			.hasMessage("pyworkflow.storage.type is 'postgres' but this application was built ahead of time for "
					+ "'memory' (AOT evaluates the starter's conditions at build time)");
	}

	@Test
	void aStorageTypeChangedAfterTheBuildStopsTheStartBeforeAnyConnection() {
		// Built for postgres, run in memory: the check comes before the schema initializer connects to
		// the address the build saw (a closed port here, which would fail differently).
		assertThatThrownBy(() -> startFromGeneratedCode(
				Map.of("pyworkflow.storage.type", "postgres", "pyworkflow.postgres.port", "1"),
				Map.of("pyworkflow.storage.type", "memory", "pyworkflow.postgres.port", "1"), (context) -> {
				}))
			.rootCause()
			.isInstanceOf(StorageTypeNotAvailableException.class)
			.hasMessageStartingWith("pyworkflow.storage.type is 'memory' but this application was built ahead of time for 'postgres'");
	}

	@Test
	void processingRegistersTheChangelogsAsResources() {
		RuntimeHints hints = process(Map.of("pyworkflow.storage.type", "postgres")).generationContext()
			.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.resource().forResource(SchemaMigrator.POSTGRES_CHANGELOG)).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/workflow-storage/common/events.sql"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/workflow-storage/citus/changelog.xml"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Seconds.class, "valueOf")).accepts(hints);
	}

	private static void assertStorageWorks(GenericApplicationContext context) {
		WorkflowStorage storage = context.getBean(WorkflowStorage.class);
		WorkflowRun run = TestData.run(Instant.now()).workflowName("aot").build();
		storage.createRun(run);
		assertThat(storage.getRun(run.runId())).contains(run);
	}

	private static void startFromGeneratedCode(Map<String, Object> buildProperties,
			Map<String, Object> runProperties, Consumer<GenericApplicationContext> assertions) {
		Processed processed = process(buildProperties);
		TestCompiler.forSystem().with(processed.generationContext()).compile((compiled) -> {
			GenericApplicationContext context = new GenericApplicationContext();
			context.setEnvironment(environment(runProperties));
			@SuppressWarnings("unchecked")
			ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
				.getInstance(ApplicationContextInitializer.class, processed.initializer().toString());
			initializer.initialize(context);
			context.refresh();
			try {
				assertions.accept(context);
			}
			finally {
				context.close();
			}
		});
	}

	private static Processed process(Map<String, Object> properties) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.setEnvironment(environment(properties));
			context.register(TestApplication.class);
			TestGenerationContext generationContext = new TestGenerationContext();
			ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
			generationContext.writeGeneratedContent();
			return new Processed(generationContext, initializer);
		}
	}

	// The generated sources and hints, and the initializer that replays the bean definitions.
	private record Processed(TestGenerationContext generationContext, ClassName initializer) {

	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	// Every auto-configuration of the starter, with what its conditions look for: an application
	// with Actuator's health and metrics.
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			WorkflowStorageAutoConfiguration.class, WorkflowStorageHealthContributorAutoConfiguration.class,
			WorkflowStoragePoolMetricsAutoConfiguration.class })
	static class TestApplication {

	}

}
