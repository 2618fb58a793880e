package dev.workflow.storage.postgres;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.StreamStorageContractTests;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.MutableClock;

class PostgresStreamStorageTests extends StreamStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new PostgresWorkflowStorage(EmbeddedPostgresServer.newMigratedDatabase("contract"), clock);
	}

}
