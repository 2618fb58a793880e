package dev.workflow.storage.autoconfigure.replacing;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's third way: the in-memory backend by property, for a test of an application that
 * is configured for PostgreSQL elsewhere (here, on a port where nothing listens).
 */
@SpringBootTest(properties = { "pyworkflow.postgres.host=127.0.0.1", "pyworkflow.postgres.port=1",
		"pyworkflow.storage.type=memory" })
class InMemoryStorageByPropertyTests {

	@Autowired
	WorkflowStorage storage;

	@Autowired
	ApplicationContext context;

	@Test
	void theStorageIsInMemoryAndNoPoolExists() {
		assertThat(this.storage).isInstanceOf(InMemoryWorkflowStorage.class);
		assertThat(this.context.containsBean("workflowStorageDataSource")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class TestApplication {

	}

}
