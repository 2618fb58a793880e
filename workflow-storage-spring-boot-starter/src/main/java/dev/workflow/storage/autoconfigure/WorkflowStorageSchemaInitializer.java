package dev.workflow.storage.autoconfigure;

import java.sql.SQLException;

import dev.workflow.storage.postgres.SchemaMigration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings the workflow storage schema up to date (or checks it) when the context starts. Spring
 * Boot's database-initialization ordering creates every {@code WorkflowStorage} bean after it
 * (see {@code WorkflowStorageSchemaInitializerDetector}).
 *
 * @since 0.1.0
 */
public class WorkflowStorageSchemaInitializer implements InitializingBean {

	private final SchemaMigration migration;

	private final SchemaMode mode;

	private final String server;

	/**
	 * An initializer.
	 * @param migration the migration of the storage's schema, as its dialect makes it
	 * @param mode what to do with the schema
	 * @param server the server as a JDBC URL without credentials, for messages
	 */
	public WorkflowStorageSchemaInitializer(SchemaMigration migration, SchemaMode mode, String server) {
		this.migration = migration;
		this.mode = mode;
		this.server = server;
	}

	/**
	 * An initializer that leaves the database alone, in place of the starter's when every
	 * {@code WorkflowStorage} was replaced by a ready instance.
	 * @return the initializer
	 */
	static WorkflowStorageSchemaInitializer skipped() {
		return new WorkflowStorageSchemaInitializer(new SchemaMigration() {

			@Override
			public void migrate() {
			}

			@Override
			public void validate() {
			}

		}, SchemaMode.NONE, "none");
	}

	@Override
	public void afterPropertiesSet() {
		try {
			switch (this.mode) {
				case MIGRATE -> this.migration.migrate();
				case VALIDATE -> this.migration.validate();
				case NONE -> {
				}
			}
		}
		catch (RuntimeException ex) {
			Throwable connectionFailure = connectionFailure(ex);
			if (connectionFailure != null) {
				throw new WorkflowStorageConnectionException(this.server, connectionFailure);
			}
			throw ex;
		}
	}

	// SQLSTATE class 08 is "connection exception"; 28 is "invalid authorization". The deepest such
	// error says most: the driver's "connection refused" rather than the pool's "request timed out"
	// that wraps it.
	private static @Nullable SQLException connectionFailure(Throwable ex) {
		SQLException failure = null;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
				failure = sql;
			}
		}
		return failure;
	}

}
