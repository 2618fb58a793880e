package dev.workflow.storage.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.postgres.SchemaMigrator;

/**
 * The tests' PostgreSQL server: the test-support module's {@link PostgresServer}, plus what needs
 * this project's classes or is about its starter (the migrated schema, the {@code pyworkflow.*}
 * settings). The server itself lives in test-support so that the benchmarks' main code can use
 * it without depending on this test-jar.
 */
public final class EmbeddedPostgresServer {

	private EmbeddedPostgresServer() {
	}

	/**
	 * Creates an empty database.
	 * @param prefix the start of its name
	 * @return its name
	 */
	public static String createDatabase(String prefix) {
		return PostgresServer.createDatabase(prefix);
	}

	/**
	 * A pooled data source on a new empty database.
	 * @param prefix the start of the database's name
	 * @return the data source; close it when done
	 */
	public static HikariDataSource newDatabase(String prefix) {
		return PostgresServer.newDatabase(prefix);
	}

	/**
	 * A pooled data source on a new database with the PostgreSQL schema migrated.
	 * @param prefix the start of the database's name
	 * @return the data source
	 */
	public static HikariDataSource newMigratedDatabase(String prefix) {
		HikariDataSource dataSource = newDatabase(prefix);
		new SchemaMigrator(dataSource).migrate();
		return dataSource;
	}

	/**
	 * A pooled data source on an existing database.
	 * @param database the database's name
	 * @return the data source
	 */
	public static HikariDataSource dataSource(String database) {
		return PostgresServer.dataSource(database);
	}

	/**
	 * A pooled data source on an existing database, with settings of a test's own.
	 * @param database the database's name
	 * @param tuning changes to the pool's settings, applied last
	 * @return the data source
	 */
	public static HikariDataSource dataSource(String database, Consumer<HikariConfig> tuning) {
		return PostgresServer.dataSource(database, tuning);
	}

	/**
	 * The {@code pyworkflow.*} settings that point the Spring Boot starter at a database of this
	 * server.
	 * @param type {@code postgres} or {@code citus}
	 * @param database the database's name
	 * @return property names and values, in order
	 */
	public static Map<String, String> pyworkflowProperties(String type, String database) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("pyworkflow.storage.type", type);
		properties.put("pyworkflow.postgres.host", "localhost");
		properties.put("pyworkflow.postgres.port", String.valueOf(port()));
		properties.put("pyworkflow.postgres.user", "postgres");
		properties.put("pyworkflow.postgres.database", database);
		return properties;
	}

	public static String jdbcUrl(String database) {
		return PostgresServer.jdbcUrl(database);
	}

	public static int port() {
		return PostgresServer.port();
	}

	/**
	 * Runs SQL on a data source, for tests that set up a database by hand.
	 * @param dataSource the data source
	 * @param sql the statements
	 */
	public static void execute(DataSource dataSource, String sql) {
		PostgresServer.execute(dataSource, sql);
	}

}
