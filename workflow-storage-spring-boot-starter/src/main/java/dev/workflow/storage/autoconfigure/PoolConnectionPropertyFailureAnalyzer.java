package dev.workflow.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start with a {@code pyworkflow.postgres.hikari.*} property that names the
 * connection.
 */
class PoolConnectionPropertyFailureAnalyzer extends AbstractFailureAnalyzer<PoolConnectionPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PoolConnectionPropertyException cause) {
		return new FailureAnalysis(
				"Workflow storage's pool cannot take " + cause.getProperty() + " (set in " + cause.getOrigin()
						+ "): which server it connects to, and as whom, is set in one place only.",
				"Remove it, and set pyworkflow.postgres.host, port, user, password and database "
						+ "(PYWORKFLOW_POSTGRES_HOST, _PORT, _USER, _PASSWORD, _DATABASE) or pyworkflow.postgres.dsn "
						+ "instead; a WorkflowStorageConnectionDetails bean or a WorkflowStoragePoolCustomizer may "
						+ "set them in code.",
				cause);
	}

}
