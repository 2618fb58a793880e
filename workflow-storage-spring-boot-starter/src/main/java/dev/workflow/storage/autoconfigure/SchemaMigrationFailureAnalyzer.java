package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.postgres.SchemaMigrationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start whose workflow storage schema could not be migrated or validated. The message
 * names tables, changesets and run ids, never connection settings.
 */
class SchemaMigrationFailureAnalyzer extends AbstractFailureAnalyzer<SchemaMigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaMigrationException cause) {
		return new FailureAnalysis("Workflow storage could not migrate or validate its schema ("
				+ cause.getChangelog() + "): " + cause.getMessage(), action(cause.getMessage()), cause);
	}

	// The messages are SchemaMigrator's and AdoptionChecks'; an unknown one gets the generic advice.
	private static String action(String message) {
		if (message.contains("not up to date")) {
			return "Set pyworkflow.storage.schema=migrate (PYWORKFLOW_STORAGE_SCHEMA=migrate) for one start, or "
					+ "apply the changelog's pending changesets with your own Liquibase, then start again.";
		}
		if (message.contains("share a sequence number") || message.contains("do not exist in workflow_runs")) {
			return "Fix the rows as the message says (the README's section 'Sharing a database with pyworkflow' "
					+ "explains why they exist), then start again; nothing was changed.";
		}
		if (message.contains("Gave up after")) {
			return "Wait for the other process's migration to finish, or raise "
					+ "pyworkflow.storage.migration-lock-timeout (PYWORKFLOW_STORAGE_MIGRATION_LOCK_TIMEOUT).";
		}
		return "Check that the database user may create and alter tables in this database, or set "
				+ "pyworkflow.storage.schema=none (PYWORKFLOW_STORAGE_SCHEMA=none) and apply the changelog "
				+ "yourself.";
	}

}
