package dev.workflow.storage.citus;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.contract.WorkflowStorageConcurrencyContractTests;
import dev.workflow.storage.testing.MutableClock;

@EnabledIfCitus
class CitusWorkflowStorageConcurrencyTests extends WorkflowStorageConcurrencyContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new CitusWorkflowStorage(CitusClusters.newMigratedDatabase("contract"), clock);
	}

}
