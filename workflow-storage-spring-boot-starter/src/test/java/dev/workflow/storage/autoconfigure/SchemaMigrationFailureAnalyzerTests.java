package dev.workflow.storage.autoconfigure;

import java.util.List;

import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationFailureAnalyzerTests {

	private static final String CHANGELOG = "db/workflow-storage/postgres/changelog.yaml";

	private final SchemaMigrationFailureAnalyzer analyzer = new SchemaMigrationFailureAnalyzer();

	private FailureAnalysis analyze(String message) {
		return this.analyzer.analyze(new BeanCreationException("workflowStorage",
				new SchemaMigrationException(CHANGELOG, message, null)));
	}

	@Test
	void pendingChangesInValidateModeShouldSayMigrate() {
		FailureAnalysis analysis = analyze("The workflow storage schema is not up to date: 2 changeset(s) of "
				+ CHANGELOG + " not applied: a, b. Set pyworkflow.storage.schema=migrate, or apply them.");
		assertThat(analysis.getDescription()).contains("not up to date").contains("a, b");
		assertThat(analysis.getAction()).contains("pyworkflow.storage.schema=migrate")
			.contains("PYWORKFLOW_STORAGE_SCHEMA=migrate");
	}

	@Test
	void duplicateSequencesShouldPointAtTheReadme() {
		FailureAnalysis analysis = analyze("Table events holds events of one run that share a sequence number, ...");
		assertThat(analysis.getDescription()).contains("share a sequence number");
		assertThat(analysis.getAction()).contains("README");
	}

	@Test
	void otherFailuresShouldNameTheChangelog() {
		FailureAnalysis analysis = analyze("Could not migrate the workflow storage schema: boom");
		assertThat(analysis.getDescription()).contains("boom").contains(CHANGELOG);
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Test
	void validateAgainstUnmigratedDatabaseShouldBeAnalysed() {
		String database = EmbeddedPostgresServer.createDatabase("validate_analysed");
		List<String> properties = new java.util.ArrayList<>();
		EmbeddedPostgresServer.pyworkflowProperties("postgres", database)
			.forEach((name, value) -> properties.add(name + "=" + value));
		properties.add("pyworkflow.storage.schema=validate");
		properties.add("pyworkflow.postgres.password=never-shown");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
			.withPropertyValues(properties.toArray(new String[0]))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = WorkflowStoragePropertiesValidationTests.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("not up to date").doesNotContain("never-shown");
				assertThat(analysis.getAction()).contains("pyworkflow.storage.schema=migrate")
					.doesNotContain("never-shown");
			});
	}

}
