package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.citus.CitusNotAvailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start with {@code pyworkflow.storage.type=citus} against a PostgreSQL without Citus.
 */
class CitusNotAvailableFailureAnalyzer extends AbstractFailureAnalyzer<CitusNotAvailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CitusNotAvailableException cause) {
		return new FailureAnalysis(
				"Workflow storage is configured for Citus (pyworkflow.storage.type=citus), but the database "
						+ cause.getDatabase() + " has no Citus extension.",
				"Install Citus on the coordinator and every worker, add 'citus' to shared_preload_libraries, restart, "
						+ "and run CREATE EXTENSION citus in this database on every node. Or, for a plain PostgreSQL "
						+ "server, set pyworkflow.storage.type=postgres (PYWORKFLOW_STORAGE_TYPE=postgres).",
				cause);
	}

}
