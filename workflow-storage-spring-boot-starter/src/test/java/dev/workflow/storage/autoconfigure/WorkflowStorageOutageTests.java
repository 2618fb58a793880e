package dev.workflow.storage.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.health.WorkflowStorageHealthContributorAutoConfiguration;
import dev.workflow.storage.health.WorkflowStorageHealthIndicator;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A PostgreSQL server that stops while the application runs: storage calls fail within the
 * connect timeout with a storage exception, health goes DOWN, and both recover when the server is
 * back, without restarting the application.
 */
class WorkflowStorageOutageTests {

	@TempDir
	Path dataDirectory;

	private EmbeddedPostgres start(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

	@Test
	void whenServerStopsCallsFailFastAndRecoverWhenItIsBack() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		EmbeddedPostgres server = start(port);
		try {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class,
						WorkflowStorageHealthContributorAutoConfiguration.class))
				.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.postgres.port=" + port,
						"pyworkflow.postgres.user=postgres", "pyworkflow.postgres.password=outage-secret",
						"pyworkflow.postgres.database=postgres", "pyworkflow.postgres.connect-timeout=2s")
				.run((context) -> {
					WorkflowStorage storage = context.getBean(WorkflowStorage.class);
					WorkflowStorageHealthIndicator health = context.getBean(WorkflowStorageHealthIndicator.class);
					WorkflowRun run = TestData.run(Instant.now()).build();
					storage.createRun(run);
					assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

					server.close();
					assertTimeoutPreemptively(Duration.ofSeconds(30),
							() -> assertThatExceptionOfType(StorageAccessException.class)
								.isThrownBy(() -> storage.getRun(run.runId()))
								.withMessageStartingWith("getRun: failed for run '" + run.runId() + "'"));
					Health down = health.health(true);
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(down.toString()).doesNotContain("outage-secret");

					try (EmbeddedPostgres restarted = start(port)) {
						assertThat(storage.getRun(run.runId())).contains(run);
						assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
					}
				});
		}
		finally {
			server.close();
		}
	}

}
