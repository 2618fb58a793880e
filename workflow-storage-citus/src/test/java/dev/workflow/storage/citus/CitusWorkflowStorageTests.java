package dev.workflow.storage.citus;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.contract.WorkflowStorageContractTests;
import dev.workflow.storage.testing.MutableClock;

@EnabledIfCitus
class CitusWorkflowStorageTests extends WorkflowStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock, EventTypes eventTypes) {
		return new CitusWorkflowStorage(CitusClusters.newMigratedDatabase("contract"), clock, eventTypes);
	}

}
