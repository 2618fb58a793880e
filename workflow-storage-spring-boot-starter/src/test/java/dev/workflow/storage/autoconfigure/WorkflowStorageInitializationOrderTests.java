package dev.workflow.storage.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import jakarta.annotation.PostConstruct;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's database-initialization ordering, on a real PostgreSQL: every database
 * initializer (our schema initializer, an application's Liquibase) runs before any
 * {@link WorkflowStorage} bean exists, so application beans that use the storage, or read our
 * tables through a {@code JdbcTemplate}, at startup find the schema there.
 */
class WorkflowStorageInitializationOrderTests {

	private static String[] postgresProperties(String database, String... more) {
		List<String> properties = new ArrayList<>();
		EmbeddedPostgresServer.pyworkflowProperties("postgres", database)
			.forEach((name, value) -> properties.add(name + "=" + value));
		properties.addAll(List.of(more));
		return properties.toArray(new String[0]);
	}

	private static String[] applicationDataSource(String database) {
		return new String[] { "spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl(database),
				"spring.datasource.username=postgres" };
	}

	@Test
	void theStorageBeanDependsOnTheSchemaInitializerByBootsDetectorsNotByAParameter() {
		String database = EmbeddedPostgresServer.createDatabase("order_detectors");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(postgresProperties(database))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String[] storages = context.getBeanNamesForType(WorkflowStorage.class);
				String[] initializers = context.getBeanNamesForType(WorkflowStorageSchemaInitializer.class);
				assertThat(storages).hasSize(1);
				assertThat(initializers).hasSize(1);
				assertThat(context.getBeanFactory().getBeanDefinition(storages[0]).getDependsOn())
					.contains(initializers[0]);
			});
		// Ordered by the detectors alone: no storage bean method takes the initializer to order itself.
		for (Class<?> configuration : List.of(
				WorkflowStorageAutoConfiguration.DatabaseStorageConfiguration.PostgresStorageConfiguration.class,
				WorkflowStorageAutoConfiguration.DatabaseStorageConfiguration.CitusStorageConfiguration.class)) {
			assertThat(java.util.Arrays.stream(configuration.getDeclaredMethods())
				.filter((method) -> method.getName().equals("workflowStorage"))
				.flatMap((method) -> java.util.Arrays.stream(method.getParameterTypes()))).isNotEmpty()
				.doesNotContain(WorkflowStorageSchemaInitializer.class);
		}
	}

	@Test
	void anApplicationsOwnStorageIsCreatedAfterItsLiquibaseToo() {
		String database = EmbeddedPostgresServer.createDatabase("order_own_storage");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					LiquibaseAutoConfiguration.class, WorkflowStorageAutoConfiguration.class))
			.withPropertyValues("pyworkflow.storage.type=postgres",
					"spring.liquibase.change-log=classpath:db/workflow-storage/postgres/changelog.xml")
			.withPropertyValues(applicationDataSource(database))
			.withUserConfiguration(StartupUsers.class, OwnStorage.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("workflowStorageDataSource");
				assertThat(context.getBean(StartupUsers.class).runsSeen).containsExactly(0, 0);
				assertThat(context.getBeanFactory().getBeanDefinition("ownStorage").getDependsOn())
					.containsExactly("liquibase");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStorage {

		@Bean
		WorkflowStorage ownStorage(DataSource dataSource) {
			return new PostgresWorkflowStorage(dataSource);
		}

	}

	@Test
	void theSchemaInitializerRunsBeforeTheStorageAndItsUsers() {
		String database = EmbeddedPostgresServer.createDatabase("order_users");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(postgresProperties(database))
			.withUserConfiguration(StartupUsers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(StartupUsers.class).runsSeen).containsExactly(0, 0);
				List<String> created = context.getBean(CreationOrder.class).names;
				assertThat(created.indexOf("workflowStorageSchemaInitializer"))
					.isLessThan(created.indexOf("workflowStorage"));
				assertThat(created.indexOf("workflowStorage")).isLessThan(created.indexOf("constructorUser"));
			});
	}

	@Test
	void anApplicationsJdbcCodeReadingOurTablesAtStartupRunsAfterTheMigration() {
		String database = EmbeddedPostgresServer.createDatabase("order_jdbc");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(postgresProperties(database, applicationDataSource(database)))
			.withUserConfiguration(JdbcStartupUser.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcStartupUser.class).runs).isZero();
			});
	}

	@Test
	void anApplicationOwningTheSchemaWithItsOwnLiquibaseRunsItBeforeStorageUsers() {
		String database = EmbeddedPostgresServer.createDatabase("order_app_liquibase");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					LiquibaseAutoConfiguration.class, WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(postgresProperties(database, "pyworkflow.storage.schema=none",
					"spring.liquibase.change-log=classpath:db/workflow-storage/postgres/changelog.xml"))
			.withPropertyValues(applicationDataSource(database))
			.withUserConfiguration(StartupUsers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SpringLiquibase.class);
				assertThat(context.getBean(StartupUsers.class).runsSeen).containsExactly(0, 0);
				assertThat(context.getBeanFactory().getBeanDefinition("workflowStorage").getDependsOn())
					.contains("liquibase");
				DataSource primary = context.getBean(DataSource.class);
				// The application's Liquibase recorded our changesets in its own history; ours never ran.
				assertThat(JdbcClient.create(primary)
					.sql("SELECT count(*) FROM databasechangelog WHERE author = 'workflow-storage'")
					.query(Integer.class)
					.single()).isPositive();
				assertThat(JdbcClient.create(primary)
					.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
					.query(String.class)
					.list()).contains("workflow_runs", "events", "steps", "hooks", "schedules")
					.doesNotContain("pyworkflow_databasechangelog");
				WorkflowStorage storage = context.getBean(WorkflowStorage.class);
				assertThat(storage).isInstanceOf(PostgresWorkflowStorage.class);
				storage.createRun(dev.workflow.storage.testing.TestData.run(java.time.Instant.now()).build());
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class StartupUsers {

		final List<Integer> runsSeen = new ArrayList<>();

		@Bean
		static CreationOrder creationOrder() {
			return new CreationOrder();
		}

		@Bean
		ConstructorUser constructorUser(WorkflowStorage storage) {
			return new ConstructorUser(storage, this.runsSeen);
		}

		@Bean
		PostConstructUser postConstructUser(WorkflowStorage storage) {
			return new PostConstructUser(storage, this.runsSeen);
		}

	}

	static class ConstructorUser {

		ConstructorUser(WorkflowStorage storage, List<Integer> runsSeen) {
			runsSeen.add(storage.listRuns(RunFilter.all().withLimit(10)).runs().size());
		}

	}

	static class PostConstructUser {

		private final WorkflowStorage storage;

		private final List<Integer> runsSeen;

		PostConstructUser(WorkflowStorage storage, List<Integer> runsSeen) {
			this.storage = storage;
			this.runsSeen = runsSeen;
		}

		@PostConstruct
		void readRuns() {
			this.runsSeen.add(this.storage.listRuns(RunFilter.all().withLimit(10)).runs().size());
		}

	}

	static class CreationOrder implements BeanPostProcessor {

		final List<String> names = new ArrayList<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			this.names.add(beanName);
			return bean;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdbcStartupUser {

		final int runs;

		JdbcStartupUser(JdbcTemplate jdbc) {
			this.runs = jdbc.queryForObject("SELECT count(*) FROM workflow_runs", Integer.class);
		}

	}

}
