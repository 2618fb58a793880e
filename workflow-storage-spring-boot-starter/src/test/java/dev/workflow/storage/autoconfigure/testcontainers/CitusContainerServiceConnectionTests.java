package dev.workflow.storage.autoconfigure.testcontainers;

import java.time.Instant;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageConnectionDetails;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-node {@code citusdata/citus} container marked {@code @ServiceConnection} is where
 * Citus workflow storage connects. Needs Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "pyworkflow.storage.type=citus")
class CitusContainerServiceConnectionTests {

	@Container
	@ServiceConnection(type = WorkflowStorageConnectionDetails.class)
	static final PostgreSQLContainer citus = new PostgreSQLContainer(
			DockerImageName.parse("citusdata/citus:13.2").asCompatibleSubstituteFor("postgres"));

	@Autowired
	WorkflowStorage storage;

	@Test
	void citusStorageConnectsToTheContainer() {
		assertThat(this.storage).isInstanceOf(CitusWorkflowStorage.class);
		this.storage.createRun(TestData.run(Instant.now()).build());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class TestApplication {

	}

}
