package dev.workflow.storage.memory;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.StreamStorageContractTests;
import dev.workflow.storage.testing.MutableClock;

class InMemoryStreamStorageTests extends StreamStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new InMemoryWorkflowStorage(clock);
	}

}
