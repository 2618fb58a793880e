package dev.workflow.storage.postgres;

import javax.sql.DataSource;

import dev.workflow.storage.testing.EmbeddedPostgresServer;

class PostgresJdbcRetentionTests extends JdbcRetentionTests {

	@Override
	protected DataSource createDatabase() {
		return EmbeddedPostgresServer.newMigratedDatabase("retention_jdbc");
	}

	@Override
	protected JdbcWorkflowStorage createStorage(DataSource dataSource) {
		return new PostgresWorkflowStorage(dataSource);
	}

}
