package dev.workflow.storage.citus;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.contract.RetentionContractTests;
import dev.workflow.storage.testing.MutableClock;

@EnabledIfCitus
class CitusRetentionTests extends RetentionContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new CitusWorkflowStorage(CitusClusters.newMigratedDatabase("retention"), clock, EventTypes.pyworkflow());
	}

}
