package dev.workflow.storage.citus.testing;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables Citus test classes where no Citus cluster can be had.
 */
class CitusAvailableCondition implements ExecutionCondition {

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (CitusClusters.get() != null) {
			return ConditionEvaluationResult.enabled("Citus cluster available");
		}
		String reason = CitusClusters.unavailableReason();
		if (told.compareAndSet(false, true)) {
			System.err.println("[workflow-storage] " + reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
