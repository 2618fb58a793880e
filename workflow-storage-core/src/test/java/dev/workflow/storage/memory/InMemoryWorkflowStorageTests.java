package dev.workflow.storage.memory;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.WorkflowStorageContractTests;
import dev.workflow.storage.testing.MutableClock;

class InMemoryWorkflowStorageTests extends WorkflowStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock, EventTypes eventTypes) {
		return new InMemoryWorkflowStorage(clock, eventTypes);
	}

}
