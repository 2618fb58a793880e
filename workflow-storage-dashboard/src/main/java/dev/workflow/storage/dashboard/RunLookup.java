package dev.workflow.storage.dashboard;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.WorkflowRun;

/**
 * Finds the run a request names, or answers 404 naming it.
 */
final class RunLookup {

	private RunLookup() {
	}

	static WorkflowRun require(WorkflowStorage storage, String runId) {
		try {
			return storage.getRun(runId).orElseThrow(() -> notFound(runId));
		}
		catch (InvalidInputException ex) {
			// Text no run id can be (too long, a NUL): no run has it.
			throw notFound(runId);
		}
	}

	private static DashboardProblem notFound(String runId) {
		return DashboardProblem.notFound("There is no run \u201c" + runId + "\u201d.");
	}

}
