package dev.workflow.storage.citus;

import javax.sql.DataSource;

import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.postgres.JdbcWorkflowStorage;
import dev.workflow.storage.postgres.UndecodableRowTests;

@EnabledIfCitus
class CitusUndecodableRowTests extends UndecodableRowTests {

	@Override
	protected DataSource createDatabase() {
		return CitusClusters.newMigratedDatabase("undecodable");
	}

	@Override
	protected JdbcWorkflowStorage createStorage(DataSource dataSource) {
		return new CitusWorkflowStorage(dataSource);
	}

}
