package dev.workflow.storage.memory;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.WorkflowStorageConcurrencyContractTests;
import dev.workflow.storage.testing.MutableClock;

class InMemoryWorkflowStorageConcurrencyTests extends WorkflowStorageConcurrencyContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new InMemoryWorkflowStorage(clock);
	}

}
