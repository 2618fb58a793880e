package dev.workflow.storage.postgres;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.WorkflowStorageContractTests;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.MutableClock;

class PostgresWorkflowStorageTests extends WorkflowStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock, EventTypes eventTypes) {
		return new PostgresWorkflowStorage(EmbeddedPostgresServer.newMigratedDatabase("contract"), clock, eventTypes);
	}

}
