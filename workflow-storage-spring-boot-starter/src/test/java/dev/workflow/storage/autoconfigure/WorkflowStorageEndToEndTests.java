package dev.workflow.storage.autoconfigure;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.observation.DefaultWorkflowStorageObservationConvention;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole Spring Boot application, with every auto-configuration on the classpath, on a real
 * PostgreSQL server: the storage it gets writes rows that plain SQL reads back.
 */
@SpringBootTest
class WorkflowStorageEndToEndTests {

	private static final String DATABASE = EmbeddedPostgresServer.createDatabase("end_to_end");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresServer.pyworkflowProperties("postgres", DATABASE)
			.forEach((name, value) -> registry.add(name, () -> value));
		registry.add("spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl(DATABASE));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.liquibase.enabled", () -> "false");
	}

	@Autowired
	WorkflowStorage storage;

	@Autowired
	DataSource applicationDataSource;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void storageWritesRowsThatSqlReads() {
		WorkflowRun run = TestData.run(Instant.now()).workflowName("end_to_end").build();
		this.storage.createRun(run);
		this.storage.recordEvents(run.runId(), List.of(TestData.event(run.runId(), "workflow.started", Instant.now(), "{}"),
				TestData.event(run.runId(), "step.completed", Instant.now(), "{\"step_id\": \"a\"}")));
		assertThat(this.storage.listRuns(RunFilter.all().withQuery("end_to_end")).runs()).containsExactly(run);
		assertThat(this.storage.getEvents(run.runId())).extracting(Event::sequence).containsExactly(0, 1);
		JdbcClient sql = JdbcClient.create(this.applicationDataSource);
		assertThat(sql.sql("SELECT step_id FROM events WHERE run_id = ? AND sequence = 1")
			.param(run.runId())
			.query(String.class)
			.single()).isEqualTo("a");
		assertThat(this.meterRegistry.get(DefaultWorkflowStorageObservationConvention.NAME)
			.tags("operation", "recordEvents", "backend", "postgres", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

	// Not @SpringBootApplication: its component scan of this package would register the
	// auto-configuration's nested classes as if they were the application's.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
