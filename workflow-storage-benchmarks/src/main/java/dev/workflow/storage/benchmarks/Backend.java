package dev.workflow.storage.benchmarks;

import javax.sql.DataSource;

import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.jspecify.annotations.Nullable;

/**
 * A backend under measurement, on a fresh database of the servers the tests use: embedded
 * PostgreSQL, and the local Citus cluster where Citus is installed. The {@code -jdbc} variants are
 * the plain-JDBC floor on the same kind of pool.
 *
 * @param name the backend's name, a value of the benchmarks' {@code backend} parameter
 * @param ops the operations
 * @param dataSource the database, or {@code null} for memory
 */
record Backend(String name, WorkflowOps ops, @Nullable DataSource dataSource) {

	static Backend open(String name) {
		return switch (name) {
			case "memory" -> new Backend(name, new LibraryOps(new InMemoryWorkflowStorage()), null);
			case "postgres" -> {
				DataSource dataSource = MigratedDatabases.postgres("bench");
				yield new Backend(name, new LibraryOps(new PostgresWorkflowStorage(dataSource)), dataSource);
			}
			case "postgres-jdbc" -> {
				DataSource dataSource = MigratedDatabases.postgres("bench");
				yield new Backend(name, new PlainJdbcOps(dataSource), dataSource);
			}
			case "citus" -> {
				DataSource dataSource = MigratedDatabases.citus("bench");
				yield new Backend(name, new LibraryOps(new CitusWorkflowStorage(dataSource)), dataSource);
			}
			case "citus-jdbc" -> {
				DataSource dataSource = MigratedDatabases.citus("bench");
				yield new Backend(name, new PlainJdbcOps(dataSource), dataSource);
			}
			default -> throw new IllegalArgumentException("Unknown backend '" + name + "'");
		};
	}


}
