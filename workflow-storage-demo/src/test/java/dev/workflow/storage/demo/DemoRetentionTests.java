package dev.workflow.storage.demo;

import java.time.Duration;
import java.time.Instant;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo with retention turned on as pyworkflow's workers turn it on: a pass by hand through
 * the actuator deletes an ended run older than the kept days and keeps a running one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pyworkflow.data.retention.days=30")
class DemoRetentionTests {

	@LocalServerPort
	int port;

	@Autowired
	WorkflowStorage storage;

	@Test
	void aPassByHandDeletesEndedRunsOlderThanTheKeptDays() {
		Instant old = Instant.now().minus(Duration.ofDays(31));
		this.storage.createRun(WorkflowRun.builder("old-completed", "billing")
			.createdAt(old)
			.status(RunStatus.COMPLETED)
			.updatedAt(old)
			.build());
		this.storage.createRun(WorkflowRun.builder("old-running", "billing")
			.createdAt(old)
			.status(RunStatus.RUNNING)
			.updatedAt(old)
			.build());
		HttpJson http = new HttpJson(this.port);
		var pass = http.post("/actuator/workflowstorageretention", "{}");
		assertThat(pass.status()).isEqualTo(200);
		assertThat(pass.body().get("runs").asLong()).isEqualTo(1);
		assertThat(http.get("/runs/old-completed").status()).isEqualTo(404);
		assertThat(http.get("/runs/old-running").status()).isEqualTo(200);
		assertThat(http.get("/actuator/workflowstorageretention").body().get("days").asLong()).isEqualTo(30);
	}

}
