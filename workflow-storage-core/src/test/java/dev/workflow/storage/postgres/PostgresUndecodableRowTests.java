package dev.workflow.storage.postgres;

import javax.sql.DataSource;

import dev.workflow.storage.testing.EmbeddedPostgresServer;

class PostgresUndecodableRowTests extends UndecodableRowTests {

	@Override
	protected DataSource createDatabase() {
		return EmbeddedPostgresServer.newMigratedDatabase("undecodable");
	}

	@Override
	protected PostgresWorkflowStorage createStorage(DataSource dataSource) {
		return new PostgresWorkflowStorage(dataSource);
	}

}
