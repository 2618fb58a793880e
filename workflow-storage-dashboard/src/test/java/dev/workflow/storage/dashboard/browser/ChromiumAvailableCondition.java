package dev.workflow.storage.dashboard.browser;

import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables the browser test classes where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver}
 * is missing (CI installs both with {@code .ci/install-test-tools}).
 */
class ChromiumAvailableCondition implements ExecutionCondition {

	private static final AtomicBoolean told = new AtomicBoolean();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Files.isExecutable(HeadlessChromium.CHROMIUM) && Files.isExecutable(HeadlessChromium.CHROMEDRIVER)) {
			return ConditionEvaluationResult.enabled("Chromium and chromedriver installed");
		}
		String reason = "Dashboard browser tests skipped: " + HeadlessChromium.CHROMIUM + " or "
				+ HeadlessChromium.CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)";
		if (told.compareAndSet(false, true)) {
			System.err.println("[workflow-storage] " + reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
