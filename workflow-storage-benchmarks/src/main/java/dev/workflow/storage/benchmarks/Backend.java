package dev.workflow.storage.benchmarks;

import java.util.Objects;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
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
				yield new Backend(name, PlainJdbcOps.sendingWhatTheLibrarySends(dataSource, PostgresWorkflowStorage::new),
						dataSource);
			}
			case "citus" -> {
				DataSource dataSource = MigratedDatabases.citus("bench");
				yield new Backend(name, new LibraryOps(new CitusWorkflowStorage(dataSource)), dataSource);
			}
			case "citus-jdbc" -> {
				DataSource dataSource = MigratedDatabases.citus("bench");
				yield new Backend(name, PlainJdbcOps.sendingWhatTheLibrarySends(dataSource, CitusWorkflowStorage::new),
						dataSource);
			}
			default -> throw new IllegalArgumentException("Unknown backend '" + name + "'");
		};
	}

	/**
	 * Our library on this backend's data, for checks after a benchmark that read what the
	 * operations measured do not (the plain-JDBC floor's data too).
	 * @return the storage
	 */
	WorkflowStorage library() {
		if (this.ops instanceof LibraryOps library) {
			return library.storage();
		}
		DataSource database = Objects.requireNonNull(this.dataSource, "dataSource");
		return this.name.startsWith("citus") ? new CitusWorkflowStorage(database) : new PostgresWorkflowStorage(database);
	}

}
