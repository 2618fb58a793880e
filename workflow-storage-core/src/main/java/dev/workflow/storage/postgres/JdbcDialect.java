package dev.workflow.storage.postgres;

import java.time.Duration;

import javax.sql.DataSource;

import dev.workflow.storage.StorageHealth;
import org.jspecify.annotations.Nullable;

/**
 * What a flavour of PostgreSQL changes in the JDBC backend: how events are appended, whether
 * keys need tables of their own, which changelog makes the schema (and what the server must
 * have first), and what the health check reports. {@link PostgresDialect} is plain PostgreSQL;
 * the Citus module has the other.
 *
 * @since 0.2.0
 */
public interface JdbcDialect {

	/**
	 * The backend's name, such as {@code postgres}.
	 * @return the name
	 */
	String name();

	/**
	 * How events are appended.
	 * @return the policy
	 */
	AppendPolicy appendPolicy();

	/**
	 * The tables that keep idempotency keys and hook tokens unique, where the tables of runs and
	 * hooks cannot.
	 * @return the key tables, or {@code null} where unique constraints do it
	 */
	@Nullable KeyTables keyTables();

	/**
	 * The migration of this dialect's schema, waiting at most
	 * {@link SchemaMigrator#DEFAULT_LOCK_TIMEOUT} for another process's migration.
	 * @param dataSource the database
	 * @return the migration, which checks the server first
	 */
	default SchemaMigration schemaMigration(DataSource dataSource) {
		return schemaMigration(dataSource, SchemaMigrator.DEFAULT_LOCK_TIMEOUT);
	}

	/**
	 * The migration of this dialect's schema.
	 * @param dataSource the database
	 * @param lockTimeout how long the migration waits for another process's
	 * @return the migration, which checks the server first
	 */
	SchemaMigration schemaMigration(DataSource dataSource, Duration lockTimeout);

	/**
	 * What the server is, for a health check; it runs after the database has answered.
	 * @param dataSource the database
	 * @return the health, such as a cluster's version and workers
	 */
	StorageHealth health(DataSource dataSource);

}
