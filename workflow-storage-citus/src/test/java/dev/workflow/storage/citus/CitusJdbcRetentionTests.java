package dev.workflow.storage.citus;

import javax.sql.DataSource;

import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.postgres.JdbcRetentionTests;
import dev.workflow.storage.postgres.JdbcWorkflowStorage;

@EnabledIfCitus
class CitusJdbcRetentionTests extends JdbcRetentionTests {

	@Override
	protected DataSource createDatabase() {
		return CitusClusters.newMigratedDatabase("retention_jdbc");
	}

	@Override
	protected JdbcWorkflowStorage createStorage(DataSource dataSource) {
		return new CitusWorkflowStorage(dataSource);
	}

}
