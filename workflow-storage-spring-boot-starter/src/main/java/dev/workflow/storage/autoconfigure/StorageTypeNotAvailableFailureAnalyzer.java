package dev.workflow.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start whose storage type this application cannot provide.
 */
class StorageTypeNotAvailableFailureAnalyzer extends AbstractFailureAnalyzer<StorageTypeNotAvailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StorageTypeNotAvailableException cause) {
		return new FailureAnalysis("Workflow storage cannot start: " + cause.getMessage() + ".", cause.getAction(),
				cause);
	}

}
