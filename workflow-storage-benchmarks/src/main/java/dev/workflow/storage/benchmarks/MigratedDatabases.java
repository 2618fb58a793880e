package dev.workflow.storage.benchmarks;

import javax.sql.DataSource;

import dev.workflow.storage.citus.CitusSchemaMigrator;
import dev.workflow.storage.citus.testing.CitusServer;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.PostgresServer;

/**
 * Fresh databases with our schema on the servers the tests use. The servers come from
 * test-support, which knows none of our classes, so the schema is migrated here, as the tests'
 * own fixtures do in their test-jars.
 */
final class MigratedDatabases {

	private MigratedDatabases() {
	}

	/**
	 * A new database of the embedded PostgreSQL server with the PostgreSQL schema.
	 * @param prefix the start of the database's name
	 * @return a pooled data source
	 */
	static DataSource postgres(String prefix) {
		DataSource dataSource = PostgresServer.newDatabase(prefix);
		new SchemaMigrator(dataSource).migrate();
		return dataSource;
	}

	/**
	 * A new database of the local Citus cluster with the Citus schema.
	 * @param prefix the start of the database's name
	 * @return a pooled data source on the coordinator
	 * @throws IllegalStateException saying why when no cluster can be had
	 */
	static DataSource citus(String prefix) {
		DataSource dataSource = CitusServer.newDatabase(prefix);
		new CitusSchemaMigrator(dataSource).migrate();
		return dataSource;
	}

}
