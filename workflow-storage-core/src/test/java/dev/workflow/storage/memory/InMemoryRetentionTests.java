package dev.workflow.storage.memory;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.contract.RetentionContractTests;
import dev.workflow.storage.testing.MutableClock;

class InMemoryRetentionTests extends RetentionContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new InMemoryWorkflowStorage(clock);
	}

}
