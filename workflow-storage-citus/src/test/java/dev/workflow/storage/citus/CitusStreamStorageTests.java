package dev.workflow.storage.citus;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.contract.StreamStorageContractTests;
import dev.workflow.storage.testing.MutableClock;

@EnabledIfCitus
class CitusStreamStorageTests extends StreamStorageContractTests {

	@Override
	protected WorkflowStorage createStorage(MutableClock clock) {
		return new CitusWorkflowStorage(CitusClusters.newMigratedDatabase("contract"), clock);
	}

	// why: pyworkflow's Citus index on signals.signal_id is not unique (a unique index must hold
	// the distribution column, stream_run_id), so Citus keeps a second signal with a taken id.
	@Override
	protected boolean signalIdsAreUnique() {
		return false;
	}

}
