package dev.workflow.storage.autoconfigure.testcontainers;

import java.time.Instant;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageConnectionDetails;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL container marked {@code @ServiceConnection} is where workflow storage connects.
 * Needs Docker; the same wiring is tested without Docker through a
 * {@link WorkflowStorageConnectionDetails} bean in WorkflowStorageAutoConfigurationTests.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "pyworkflow.storage.type=postgres")
class PostgresContainerServiceConnectionTests {

	@Container
	@ServiceConnection(type = WorkflowStorageConnectionDetails.class)
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15");

	@Autowired
	WorkflowStorage storage;

	@Autowired
	WorkflowStorageConnectionDetails connectionDetails;

	@Test
	void storageConnectsToTheContainer() {
		assertThat(this.storage).isInstanceOf(PostgresWorkflowStorage.class);
		assertThat(this.connectionDetails.getJdbcUrl()).isEqualTo(postgres.getJdbcUrl());
		this.storage.createRun(TestData.run(Instant.now()).build());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class TestApplication {

	}

}
