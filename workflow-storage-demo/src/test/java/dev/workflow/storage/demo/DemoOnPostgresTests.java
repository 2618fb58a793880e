package dev.workflow.storage.demo;

import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo pointed at a real PostgreSQL through the pyworkflow settings: the schema is created and
 * what the API writes is in the tables.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoOnPostgresTests {

	private static final String DATABASE = EmbeddedPostgresServer.createDatabase("demo");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresServer.pyworkflowProperties("postgres", DATABASE)
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@Test
	void runsAndEventsLandInPyworkflowTables() {
		HttpJson http = new HttpJson(this.port);
		String runId = http.post("/runs", "{\"workflowName\": \"on_postgres\"}").body().get("runId").asString();
		http.post("/runs/" + runId + "/events", "{\"type\": \"workflow.started\"}");
		JdbcClient sql = JdbcClient.create(EmbeddedPostgresServer.dataSource(DATABASE));
		assertThat(sql.sql("SELECT workflow_name FROM workflow_runs WHERE run_id = ?").param(runId).query(String.class).single())
			.isEqualTo("on_postgres");
		assertThat(sql.sql("SELECT COUNT(*) FROM events WHERE run_id IN (?, 'sample-run')")
			.param(runId)
			.query(Integer.class)
			.single()).isEqualTo(3);
		assertThat(http.get("/actuator/health").body().get("components").get("workflowStorage").get("details")
			.get("schemaVersion")
			.asInt()).isEqualTo(SchemaMigrator.PYWORKFLOW_SCHEMA_VERSION);
	}

}
