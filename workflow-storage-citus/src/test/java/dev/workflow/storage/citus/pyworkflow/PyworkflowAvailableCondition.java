package dev.workflow.storage.citus.pyworkflow;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the pyworkflow compatibility tests where the driver cannot run every pyworkflow version.
 */
class PyworkflowAvailableCondition implements ExecutionCondition {

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String unavailable = PyworkflowDriver.unavailableReason();
		if (unavailable == null) {
			return ConditionEvaluationResult.enabled("pyworkflow drivers available");
		}
		String reason = "pyworkflow compatibility tests skipped: " + unavailable;
		if (told.compareAndSet(false, true)) {
			System.err.println("[workflow-storage] " + reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
