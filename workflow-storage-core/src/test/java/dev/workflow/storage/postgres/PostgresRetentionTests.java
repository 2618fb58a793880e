package dev.workflow.storage.postgres;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.RetentionContractTests;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.MutableClock;

class PostgresRetentionTests extends RetentionContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new PostgresWorkflowStorage(EmbeddedPostgresServer.newMigratedDatabase("retention"), clock,
				EventTypes.pyworkflow());
	}

}
