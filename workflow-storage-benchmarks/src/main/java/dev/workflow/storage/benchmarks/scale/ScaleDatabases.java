package dev.workflow.storage.benchmarks.scale;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusSchemaMigrator;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.CitusServer;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.PostgresServer;

/**
 * Fresh databases with our schema on the servers the tests use (the embedded PostgreSQL server,
 * the local Citus cluster), and copies of a loaded PostgreSQL database.
 */
final class ScaleDatabases {

	private ScaleDatabases() {
	}

	/**
	 * A new migrated database.
	 * @param backend {@code postgres} or {@code citus}
	 * @param prefix the start of its name
	 * @return a pool on it (on the coordinator for Citus)
	 */
	static HikariDataSource create(String backend, String prefix) {
		HikariDataSource database;
		if (backend.equals("citus")) {
			database = (HikariDataSource) CitusServer.newDatabase(prefix);
			new CitusSchemaMigrator(database).migrate();
		}
		else {
			database = PostgresServer.newDatabase(prefix);
			new SchemaMigrator(database).migrate();
		}
		return database;
	}

	static Function<DataSource, WorkflowStorage> storage(String backend) {
		return backend.equals("citus") ? CitusWorkflowStorage::new : PostgresWorkflowStorage::new;
	}

	static String name(HikariDataSource database) {
		String url = database.getJdbcUrl();
		return url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
	}

	/**
	 * Copies a PostgreSQL database file by file ({@code CREATE DATABASE ... TEMPLATE}); nobody may
	 * be connected to it, so its pool is closed first.
	 * @param original the database, whose pool this closes
	 * @param copyName the copy's name
	 * @return a pool on the copy
	 */
	static HikariDataSource copyPostgres(HikariDataSource original, String copyName) throws SQLException {
		String name = name(original);
		original.close();
		try (Connection connection = PostgresServer.get().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + copyName + " TEMPLATE " + name);
		}
		return PostgresServer.dataSource(copyName);
	}

	static HikariDataSource reopenPostgres(String name) {
		return PostgresServer.dataSource(name);
	}

	static void dropPostgres(String name) throws SQLException {
		try (Connection connection = PostgresServer.get().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
		}
	}

}
