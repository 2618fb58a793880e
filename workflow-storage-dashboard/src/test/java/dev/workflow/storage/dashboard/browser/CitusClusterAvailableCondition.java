package dev.workflow.storage.dashboard.browser;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.workflow.storage.citus.testing.CitusServer;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the Citus browser tests where no Citus cluster can be had.
 */
class CitusClusterAvailableCondition implements ExecutionCondition {

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (CitusServer.get() != null) {
			return ConditionEvaluationResult.enabled("Citus cluster available");
		}
		String reason = CitusServer.unavailableReason();
		if (told.compareAndSet(false, true)) {
			System.err.println("[workflow-storage] " + reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
