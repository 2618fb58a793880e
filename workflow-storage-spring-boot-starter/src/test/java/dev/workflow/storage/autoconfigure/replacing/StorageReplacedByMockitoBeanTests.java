package dev.workflow.storage.autoconfigure.replacing;

import java.util.Optional;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The README's second way to replace the storage in a test: Spring Framework's
 * {@code @MockitoBean}. Spring registers the mock after auto-configuration has been decided, so
 * the starter's database beans exist; the application is configured for a PostgreSQL on a port
 * where nothing listens, and still starts: none of them connects.
 */
@SpringBootTest(properties = { "pyworkflow.storage.type=postgres", "pyworkflow.postgres.host=127.0.0.1",
		"pyworkflow.postgres.port=1", "pyworkflow.postgres.connect-timeout=1s" })
class StorageReplacedByMockitoBeanTests {

	@MockitoBean
	WorkflowStorage storage;

	@Autowired
	WorkflowStorage injected;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theMockIsUsedAndNothingConnects() {
		assertThat(Mockito.mockingDetails(this.injected).isMock()).isTrue();
		given(this.storage.getRun("run-1")).willReturn(Optional.of(WorkflowRun.builder("run-1", "billing").build()));
		assertThat(this.injected.getRun("run-1")).isPresent();
		// The starter's pool is defined (Spring decides mocks after auto-configuration) but never built.
		assertThat(this.context.getBeanFactory().containsSingleton("workflowStorageDataSource")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class TestApplication {

	}

}
