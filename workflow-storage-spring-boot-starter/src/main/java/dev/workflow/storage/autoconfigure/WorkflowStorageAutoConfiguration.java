package dev.workflow.storage.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusDialect;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.observation.ObservationOperationObserver;
import dev.workflow.storage.observation.WorkflowStorageObservationConvention;
import dev.workflow.storage.postgres.JdbcDialect;
import dev.workflow.storage.postgres.PostgresDialect;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.store.OperationObserver;
import dev.workflow.storage.store.ValidatingWorkflowStorage;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link WorkflowStorage} of the type {@code pyworkflow.storage.type} (or its
 * pyworkflow alias {@code pyworkflow.storage.backend}) names:
 * in memory by default; on PostgreSQL or Citus through a dedicated pool built from
 * {@code pyworkflow.postgres.*} (or the application's {@link WorkflowStorageDataSource}), with the
 * schema migrated before any {@link WorkflowStorage} bean exists. The pool takes
 * {@code pyworkflow.postgres.hikari.*} over the settings mapped from pyworkflow's, then every
 * {@link WorkflowStoragePoolCustomizer}.
 *
 * <p>
 * When the application (or a test) defines its own {@link WorkflowStorage}, nothing
 * database-related is defined: no pool, connection details, dialect or schema initializer.
 *
 * <p>
 * When an {@link ObservationRegistry} bean exists and {@code pyworkflow.storage.observations.enabled}
 * is not {@code false}, the storage defined here observes its operations itself, through an
 * {@link ObservationOperationObserver}: the bean stays its backend's type, and no proxy is made.
 * An application's own storage is never touched.
 *
 * @since 0.1.0
 */
// After ObservationAutoConfiguration, so that its ObservationRegistry counts for ObservationConfiguration.
@AutoConfiguration(afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@EnableConfigurationProperties(WorkflowStorageProperties.class)
// Orders WorkflowStorage beans after every database initializer, by the detectors in spring.factories.
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class WorkflowStorageAutoConfiguration {

	// The Citus module is an optional dependency: its classes are named, not loaded, until present.
	private static final String CITUS_STORAGE = "dev.workflow.storage.citus.CitusWorkflowStorage";

	// Only the starter's storage beans take the observer: an application's own is never touched.
	// The observer's type is core's, so the configurations taking it load without Micrometer.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	@ConditionalOnBooleanProperty(name = "pyworkflow.storage.observations.enabled", matchIfMissing = true)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean(OperationObserver.class)
		ObservationOperationObserver workflowStorageOperationObserver(ObservationRegistry registry,
				ObjectProvider<WorkflowStorageObservationConvention> convention) {
			return new ObservationOperationObserver(registry, convention.getIfAvailable());
		}

	}

	// Our backends observe their own operations, with the observer when one is defined.
	private static <S extends ValidatingWorkflowStorage> S observed(S storage,
			ObjectProvider<OperationObserver> observer) {
		observer.ifAvailable(storage::setOperationObserver);
		return storage;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageType(StorageType.MEMORY)
	static class MemoryStorageConfiguration {

		private static final Logger logger = LoggerFactory.getLogger(MemoryStorageConfiguration.class);

		@Bean
		@ConditionalOnMissingBean(WorkflowStorage.class)
		InMemoryWorkflowStorage workflowStorage(WorkflowStorageProperties properties,
				ObjectProvider<OperationObserver> observer) {
			StorageType.MEMORY.requireConfigured(properties);
			logger.warn("Workflow storage is in memory (pyworkflow.storage.type=memory): runs and events are lost "
					+ "when the application stops. Set pyworkflow.storage.type=postgres to keep them.");
			return observed(new InMemoryWorkflowStorage(Clock.systemUTC(),
					properties.getStorage().getEventTypes().eventTypes()), observer);
		}

	}

	// One condition for everything database-related. Its member classes are skipped with it, and it
	// is evaluated before any of their beans is registered, so the storage defined below does not
	// count as the application's.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnStorageType({ StorageType.POSTGRES, StorageType.CITUS })
	@ConditionalOnMissingBean(WorkflowStorage.class)
	static class DatabaseStorageConfiguration {

		@Bean
		static ReplacedWorkflowStoragePostProcessor replacedWorkflowStoragePostProcessor() {
			return new ReplacedWorkflowStoragePostProcessor();
		}

		@Bean
		@ConditionalOnMissingBean(WorkflowStorageConnectionDetails.class)
		PropertiesWorkflowStorageConnectionDetails workflowStorageConnectionDetails(
				WorkflowStorageProperties properties) {
			return new PropertiesWorkflowStorageConnectionDetails(properties.getPostgres());
		}

		// Boot binds pyworkflow.postgres.hikari.* over the mapped settings once this returns, as it
		// does spring.datasource.hikari.*, with the same failure analysis and metadata.
		@Bean(defaultCandidate = false)
		@Lazy
		@ConfigurationProperties(WorkflowStoragePoolConfig.HIKARI_PREFIX)
		@Conditional(OnMissingWorkflowStorageDataSourceCondition.class)
		HikariConfig workflowStoragePoolConfig(WorkflowStorageConnectionDetails connectionDetails,
				WorkflowStorageProperties properties, Environment environment) {
			WorkflowStoragePoolConfig.rejectConnectionProperties(environment);
			return WorkflowStoragePoolConfig.of(connectionDetails, properties.getPostgres());
		}

		// Lazy: built for the schema initializer and the storage, never for a storage a test replaced.
		// The pool starts at its first connection, not here: a bean that only holds it (Spring Boot's
		// pool metrics walk every DataSource, ours too) connects nothing, nor does a start that fails
		// its checks first. Every customizer has run by then.
		@Bean(defaultCandidate = false)
		@Lazy
		@WorkflowStorageDataSource
		@Conditional(OnMissingWorkflowStorageDataSourceCondition.class)
		HikariDataSource workflowStorageDataSource(@Qualifier("workflowStoragePoolConfig") HikariConfig config,
				ObjectProvider<WorkflowStoragePoolCustomizer> customizers) {
			customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
			HikariDataSource pool = new HikariDataSource();
			config.copyStateTo(pool);
			return pool;
		}

		@Bean
		@ConditionalOnMissingBean
		WorkflowStorageSchemaInitializer workflowStorageSchemaInitializer(
				@WorkflowStorageDataSource DataSource dataSource, JdbcDialect dialect,
				WorkflowStorageProperties properties, WorkflowStorageConnectionDetails connectionDetails) {
			return new WorkflowStorageSchemaInitializer(
					dialect.schemaMigration(dataSource, properties.getStorage().getMigrationLockTimeout().toDuration()),
					properties.getStorage().getSchema(), connectionDetails.getJdbcUrl());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnStorageType(StorageType.POSTGRES)
		static class PostgresStorageConfiguration {

			@Bean
			@ConditionalOnMissingBean
			// The schema initializer takes the dialect, so this check comes before anything connects.
			JdbcDialect workflowStorageDialect(WorkflowStorageProperties properties) {
				StorageType.POSTGRES.requireConfigured(properties);
				return PostgresDialect.INSTANCE;
			}

			@Bean
			PostgresWorkflowStorage workflowStorage(@WorkflowStorageDataSource DataSource dataSource,
					WorkflowStorageProperties properties, ObjectProvider<OperationObserver> observer) {
				StorageType.POSTGRES.requireConfigured(properties);
				return observed(new PostgresWorkflowStorage(dataSource, Clock.systemUTC(),
						properties.getStorage().getEventTypes().eventTypes(),
						properties.getPostgres().getCommandTimeout().toDuration()), observer);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnStorageType(StorageType.CITUS)
		@ConditionalOnClass(name = CITUS_STORAGE)
		static class CitusStorageConfiguration {

			@Bean
			@ConditionalOnMissingBean
			// The schema initializer takes the dialect, so this check comes before anything connects.
			JdbcDialect workflowStorageDialect(WorkflowStorageProperties properties) {
				StorageType.CITUS.requireConfigured(properties);
				return CitusDialect.INSTANCE;
			}

			@Bean
			CitusWorkflowStorage workflowStorage(@WorkflowStorageDataSource DataSource dataSource,
					WorkflowStorageProperties properties, ObjectProvider<OperationObserver> observer) {
				StorageType.CITUS.requireConfigured(properties);
				return observed(new CitusWorkflowStorage(dataSource, Clock.systemUTC(),
						properties.getStorage().getEventTypes().eventTypes(),
						properties.getPostgres().getCommandTimeout().toDuration()), observer);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnStorageType(StorageType.CITUS)
		@ConditionalOnMissingClass(CITUS_STORAGE)
		static class MissingCitusModuleConfiguration {

			@Bean
			JdbcDialect workflowStorageDialect() {
				throw StorageTypeNotAvailableException.citusModuleMissing();
			}

		}

	}

}
