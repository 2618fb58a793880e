package dev.workflow.storage.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;

/**
 * Tells Spring Boot's database-initialization ordering that a
 * {@link WorkflowStorageSchemaInitializer} initializes a database, so that beans depending on
 * database initialization ({@code WorkflowStorage} beans, {@code JdbcTemplate}s) are created
 * after it.
 */
class WorkflowStorageSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	// After Flyway's and Liquibase's (0 and 1): an application's own migrations, which may create
	// the schema, roles or extensions ours needs, come first; before Boot's SQL scripts, whose
	// data may go into our tables.
	static final int ORDER = 10;

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(WorkflowStorageSchemaInitializer.class);
	}

	/**
	 * Where this detector's initializers run among the other detectors'.
	 * @return {@value #ORDER}
	 * @see DatabaseInitializerDetector#getOrder()
	 */
	@Override
	public int getOrder() {
		return ORDER;
	}

}
