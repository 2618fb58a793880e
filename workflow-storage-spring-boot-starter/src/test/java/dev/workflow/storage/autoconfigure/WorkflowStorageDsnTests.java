package dev.workflow.storage.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PYWORKFLOW_POSTGRES_DSN} means for the starter what it means for pyworkflow: libpq's URI
 * rules, bound through the environment.
 */
class WorkflowStorageDsnTests {

	// Schema mode none: the pool is built but never connects.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class))
		.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none");

	private ApplicationContextRunner withDsn(String dsn) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("PYWORKFLOW_POSTGRES_DSN", dsn);
		return this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", variables)));
	}

	@Test
	void whenHostHasAnUnderscoreShouldConnectToIt() {
		withDsn("postgresql://u:p@pg_primary:5433/db").run((context) -> assertThat(
				context.getBean(WorkflowStorageConnectionDetails.class).getJdbcUrl())
			.isEqualTo("jdbc:postgresql://pg_primary:5433/db"));
	}

	@Test
	void whenDsnHasSeveralHostsShouldGiveTheDriverAllOfThem() {
		withDsn("postgresql://u:p@h1:5432,h2:5433/db").run((context) -> assertThat(
				context.getBean(WorkflowStorageConnectionDetails.class).getJdbcUrl())
			.isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db"));
	}

	@Test
	void whenSslmodeIsInTheDsnAndTheSslmodePropertyShouldAppearOnceWithTheProperty() {
		withDsn("postgresql://u:p@h/db?sslmode=require").withPropertyValues("pyworkflow.postgres.sslmode=verify-full")
			.run((context) -> assertThat(context.getBean(WorkflowStorageConnectionDetails.class).getJdbcUrl())
				.isEqualTo("jdbc:postgresql://h:5432/db?sslmode=verify-full"));
	}

	@Test
	void whenQueryHoldsCredentialsShouldUseThemOutsideTheUrl() {
		withDsn("postgresql://h:5599/x?user=bob&password=S3cr3t%2Bpw").run((context) -> {
			WorkflowStorageConnectionDetails details = context.getBean(WorkflowStorageConnectionDetails.class);
			assertThat(details.getUsername()).isEqualTo("bob");
			assertThat(details.getPassword()).isEqualTo("S3cr3t+pw");
			assertThat(details.getJdbcUrl()).isEqualTo("jdbc:postgresql://h:5599/x");
		});
	}

	@Test
	void whenPasswordHoldsAPlusShouldKeepIt() {
		withDsn("postgresql://u:S3cr3t+pw@h/db").run((context) -> assertThat(
				context.getBean(WorkflowStorageConnectionDetails.class).getPassword())
			.isEqualTo("S3cr3t+pw"));
	}

	@Test
	void whenPasswordHoldsAnUnencodedHashShouldFailWithAnAnalysisNotShowingIt() {
		withDsn("postgresql://postgres:S3cr3t#pw@host:5599/x").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class)
				.rootCause()
				.hasMessageContaining("postgresql://postgres:****@host:5599/x");
			FailureAnalysis analysis = new InvalidPostgresDsnFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("pyworkflow.postgres.dsn")
				.contains("postgresql://postgres:****@host:5599/x")
				.contains("'#'");
			assertThat(analysis.getAction()).contains("percent-encode");
			assertThat(StackTraces.of(failure) + analysis.getDescription()
					+ analysis.getAction()).doesNotContain("S3cr3t").doesNotContain("pw@");
		});
	}

	@Test
	void whenQueryHasAParameterTheDriverLacksShouldFailNamingIt() {
		withDsn("postgresql://u:p@h/db?sslcrl=/etc/crl.pem").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("'sslcrl'"));
	}

}
