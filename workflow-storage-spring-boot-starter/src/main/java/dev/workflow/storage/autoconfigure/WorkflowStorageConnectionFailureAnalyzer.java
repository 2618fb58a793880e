package dev.workflow.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start against a workflow storage server that cannot be reached or refuses us.
 */
class WorkflowStorageConnectionFailureAnalyzer extends AbstractFailureAnalyzer<WorkflowStorageConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WorkflowStorageConnectionException cause) {
		return new FailureAnalysis(
				"Workflow storage could not connect to " + cause.getServer() + ": " + cause.getCause().getMessage(),
				"Check that the server runs and accepts connections, and check pyworkflow.postgres.host, port, user, "
						+ "password and database (PYWORKFLOW_POSTGRES_HOST, _PORT, _USER, _PASSWORD, _DATABASE) or "
						+ "pyworkflow.postgres.dsn.",
				cause);
	}

}
