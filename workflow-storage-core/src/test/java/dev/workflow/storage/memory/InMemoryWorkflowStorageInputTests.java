package dev.workflow.storage.memory;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.WorkflowStorageInputContractTests;
import dev.workflow.storage.testing.MutableClock;

class InMemoryWorkflowStorageInputTests extends WorkflowStorageInputContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new InMemoryWorkflowStorage(clock);
	}

}
