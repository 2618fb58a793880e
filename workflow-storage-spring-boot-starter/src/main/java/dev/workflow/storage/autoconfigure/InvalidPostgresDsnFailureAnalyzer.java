package dev.workflow.storage.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start with a {@code pyworkflow.postgres.dsn} that cannot be read.
 */
class InvalidPostgresDsnFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPostgresDsnException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPostgresDsnException cause) {
		return new FailureAnalysis(
				"Workflow storage cannot read " + cause.getProperty() + " (PYWORKFLOW_POSTGRES_DSN): "
						+ cause.getRedactedDsn() + " " + cause.getReason() + ".",
				"Write it as postgresql://user:password@host:port/database?parameter=value, with libpq's parameter "
						+ "names, and percent-encode the user name and password (in Python: "
						+ "urllib.parse.quote(password, safe='')), or set pyworkflow.postgres.host, port, user, "
						+ "password and database instead.",
				cause);
	}

}
