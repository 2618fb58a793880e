package dev.workflow.storage.citus;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.contract.WorkflowStorageInputContractTests;
import dev.workflow.storage.testing.MutableClock;

@EnabledIfCitus
class CitusWorkflowStorageInputTests extends WorkflowStorageInputContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new CitusWorkflowStorage(CitusClusters.newMigratedDatabase("contract"), clock);
	}

}
