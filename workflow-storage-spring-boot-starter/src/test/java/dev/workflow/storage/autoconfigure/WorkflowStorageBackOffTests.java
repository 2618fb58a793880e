package dev.workflow.storage.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.postgres.JdbcDialect;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@link WorkflowStorage} turns off everything database-related, so a test
 * that replaces the storage starts even where no server listens.
 */
class WorkflowStorageBackOffTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class));

	/**
	 * A port on which nothing listens: connecting to it is refused at once.
	 * @return the port
	 */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String[] unreachable(String type) {
		return new String[] { "pyworkflow.storage.type=" + type, "pyworkflow.postgres.host=127.0.0.1",
				"pyworkflow.postgres.port=" + closedPort(), "pyworkflow.postgres.connect-timeout=1s" };
	}

	@Test
	void whenApplicationDefinesAStorageOnPostgresShouldNeitherBuildThePoolNorMigrate() {
		WorkflowStorage own = new InMemoryWorkflowStorage();
		this.runner.withPropertyValues(unreachable("postgres"))
			.withBean(WorkflowStorage.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(WorkflowStorage.class)).isSameAs(own);
				assertThat(context).doesNotHaveBean("workflowStorageDataSource")
					.doesNotHaveBean(WorkflowStorageSchemaInitializer.class)
					.doesNotHaveBean(WorkflowStorageConnectionDetails.class)
					.doesNotHaveBean(JdbcDialect.class);
			});
	}

	@Test
	void whenApplicationDefinesAStorageOnCitusShouldNeitherBuildThePoolNorMigrate() {
		this.runner.withPropertyValues(unreachable("citus"))
			.withBean(WorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WorkflowStorage.class);
				assertThat(context).doesNotHaveBean("workflowStorageDataSource")
					.doesNotHaveBean(WorkflowStorageSchemaInitializer.class)
					.doesNotHaveBean(JdbcDialect.class);
			});
	}

	@Test
	void whenApplicationDefinesAStorageOfAConcreteTypeShouldBackOffToo() {
		this.runner.withPropertyValues(unreachable("postgres"))
			.withBean(InMemoryWorkflowStorage.class, InMemoryWorkflowStorage::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WorkflowStorage.class)
				.doesNotHaveBean(WorkflowStorageSchemaInitializer.class));
	}

	@Test
	void whenApplicationDefinesOnlyADataSourceShouldStillMigrate() {
		// The storage, not the DataSource, is what turns the database beans off.
		this.runner.withPropertyValues(unreachable("postgres"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(java.net.ConnectException.class));
	}

	@Test
	void whenATestFrameworkReplacesTheStorageAfterAutoConfigurationShouldNotMigrate() {
		// As @MockitoBean does: an instance registered in place of the starter's storage definition,
		// by a bean factory post-processor, too late for @ConditionalOnMissingBean.
		this.runner.withPropertyValues(unreachable("postgres"))
			.withBean(LateStorageOverride.class, LateStorageOverride::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(WorkflowStorage.class)).isInstanceOf(InMemoryWorkflowStorage.class);
				assertThat(context.getBeanFactory().containsSingleton("workflowStorageDataSource")).isFalse();
			});
	}

	@Test
	void whenTheStorageIsNotReplacedTheSchemaInitializerConnects() {
		// The same late post-processor with nothing to replace: the real initializer runs and fails.
		this.runner.withPropertyValues(unreachable("postgres"))
			.withBean(LateStorageOverride.class, () -> new LateStorageOverride("someOtherBean"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(java.net.ConnectException.class));
	}

	static final class LateStorageOverride
			implements org.springframework.beans.factory.config.BeanFactoryPostProcessor, org.springframework.core.Ordered {

		private final String name;

		LateStorageOverride() {
			this("workflowStorage");
		}

		LateStorageOverride(String name) {
			this.name = name;
		}

		@Override
		public void postProcessBeanFactory(
				org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
			if (beanFactory.containsBeanDefinition(this.name)) {
				beanFactory.registerSingleton(this.name, new InMemoryWorkflowStorage());
			}
		}

		// Where Spring's BeanOverrideBeanFactoryPostProcessor runs.
		@Override
		public int getOrder() {
			return org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10;
		}

	}

}
