package dev.workflow.storage.autoconfigure.replacing;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageSchemaInitializer;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first way to replace the storage in a test: a {@code @TestConfiguration} bean.
 * The application is configured for a PostgreSQL on a port where nothing listens, and still
 * starts: nothing connects.
 */
@SpringBootTest(properties = { "pyworkflow.storage.type=postgres", "pyworkflow.postgres.host=127.0.0.1",
		"pyworkflow.postgres.port=1", "pyworkflow.postgres.connect-timeout=1s" })
class StorageReplacedByTestConfigurationTests {

	@Autowired
	WorkflowStorage storage;

	@Autowired
	ApplicationContext context;

	@Test
	void theTestsStorageIsUsedAndNothingConnects() {
		assertThat(this.storage).isInstanceOf(InMemoryWorkflowStorage.class);
		assertThat(this.context.getBeanNamesForType(WorkflowStorageSchemaInitializer.class)).isEmpty();
		assertThat(this.context.containsBean("workflowStorageDataSource")).isFalse();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemoryStorage {

		@Bean
		WorkflowStorage workflowStorage() {
			return new InMemoryWorkflowStorage();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class TestApplication {

	}

}
