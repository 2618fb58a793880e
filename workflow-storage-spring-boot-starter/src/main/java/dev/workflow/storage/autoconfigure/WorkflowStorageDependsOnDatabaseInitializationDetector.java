package dev.workflow.storage.autoconfigure;

import java.util.Set;

import dev.workflow.storage.WorkflowStorage;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Tells Spring Boot's database-initialization ordering that every {@link WorkflowStorage} bean,
 * the starter's or the application's, needs the database initialized first: it is then created
 * after every database initializer (ours, and the application's Flyway, Liquibase or SQL
 * scripts), and so are the beans that use it.
 */
class WorkflowStorageDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(WorkflowStorage.class);
	}

}
