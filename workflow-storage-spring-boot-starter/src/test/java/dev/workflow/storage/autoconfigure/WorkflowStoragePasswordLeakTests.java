package dev.workflow.storage.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.workflow.storage.autoconfigure.health.WorkflowStorageHealthContributorAutoConfiguration;
import dev.workflow.storage.health.WorkflowStorageHealthIndicator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Whatever a DSN's form and its password's characters, the password shows in no log line,
 * exception, failure analysis, {@code toString} or health output. The server is a closed local
 * port, so each start fails at once. Each password holds two marks, {@code S3cr3t} and
 * {@code Pa55}, on either side of its special character, so a password cut in two still shows.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowStoragePasswordLeakTests {

	private static final List<String> MARKS = List.of("S3cr3t", "Pa55");

	private static int closedPort;

	@BeforeAll
	static void findAClosedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
	}

	// {0} is the server, host:port.
	static Stream<String> dsns() {
		return Stream.of(
				// percent-encoded: read right, then the connection is refused
				"postgresql://postgres:S3cr3t%25Pa55@{0}/x", "postgresql://postgres:S3cr3t%20Pa55@{0}/x",
				"postgresql://postgres:S3cr3t%2FPa55@{0}/x", "postgresql://postgres:S3cr3t%23Pa55@{0}/x",
				"postgresql://postgres:S3cr3t%40Pa55@{0}/x", "postgresql://postgres:S3cr3t%3FPa55@{0}/x",
				"postgresql://postgres:S3cr3t+Pa55@{0}/x", "postgresql://postgres@{0}/x?password=S3cr3t%2FPa55",
				"postgresql://postgres@{0}/x?sslmode=disable&password=S3cr3t+Pa55",
				// not encoded: refused before connecting
				"postgresql://postgres:S3cr3t%Pa55@{0}/x", "postgresql://postgres:S3cr3t Pa55@{0}/x",
				"postgresql://postgres:S3cr3t/Pa55@{0}/x", "postgresql://postgres:S3cr3t#Pa55@{0}/x",
				"postgresql://postgres:S3cr3t@Pa55@{0}/x", "postgresql://postgres:S3cr3t?Pa55@{0}/x",
				"postgresql://postgres@{0}/x?password=S3cr3t&Pa55=1", "postgresql://postgres:S3cr3t",
				// a password holding '&' and a known parameter name, and a percent-encoded 'password' name
				"postgresql://postgres@{0}/x?password=S3cr3t&sslmode=Pa55",
				"postgresql://postgres@{0}/x?password=S3cr3t&connect_timeout=Pa55",
				"postgresql://postgres@{0}/x?pass%77ord=S3cr3t%2FPa55");
	}

	private static String dsn(String template) {
		return template.replace("{0}", "127.0.0.1:" + closedPort);
	}

	@ParameterizedTest
	@MethodSource("dsns")
	void whenStartFailsThePasswordShouldShowNowhere(String template, CapturedOutput output) {
		String dsn = dsn(template);
		SpringApplication application = new SpringApplication(StorageApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment(dsn));
		Throwable failure = catchThrowable(() -> application.run("--pyworkflow.storage.type=postgres",
				"--pyworkflow.postgres.connect-timeout=1"));
		assertThat(failure).isNotNull();
		List<FailureAnalysis> analyses = Stream
			.<FailureAnalyzer>of(new WorkflowStorageConnectionFailureAnalyzer(), new InvalidPostgresDsnFailureAnalyzer())
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.toList();
		assertThat(analyses).as("a failure analysis of ours").hasSize(1);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START");
		assertShowsNoPassword(output.getAll());
		assertShowsNoPassword(StackTraces.of(failure));
		assertShowsNoPassword(analyses.get(0).getDescription() + analyses.get(0).getAction());
		WorkflowStorageProperties.Postgres properties = new WorkflowStorageProperties.Postgres();
		properties.setDsn(dsn);
		assertShowsNoPassword(properties.toString());
	}

	@ParameterizedTest
	@MethodSource("dsns")
	void whenServerIsDownHealthAndDsnShouldNotShowThePassword(String template, CapturedOutput output) {
		String dsn = dsn(template);
		PostgresDsn parsed;
		try {
			parsed = PostgresDsn.parse(dsn);
		}
		catch (InvalidPostgresDsnException ex) {
			assertShowsNoPassword(StackTraces.of(ex));
			return;
		}
		assertShowsNoPassword(parsed.toString() + parsed.describe() + parsed.jdbcUrl("require"));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WorkflowStorageAutoConfiguration.class,
					WorkflowStorageHealthContributorAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("PYWORKFLOW_POSTGRES_DSN", dsn))))
			.withPropertyValues("pyworkflow.storage.type=postgres", "pyworkflow.storage.schema=none",
					"pyworkflow.postgres.connect-timeout=1")
			.run((context) -> {
				Health health = context.getBean(WorkflowStorageHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertShowsNoPassword(health.toString());
				assertShowsNoPassword(context.getBean(WorkflowStorageConnectionDetails.class).getJdbcUrl());
				assertShowsNoPassword(context.getBean(WorkflowStorageProperties.class).toString()
						+ context.getBean(WorkflowStorageProperties.class).getPostgres());
			});
		assertShowsNoPassword(output.getAll());
	}

	private static StandardEnvironment environment(String dsn) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("PYWORKFLOW_POSTGRES_DSN", dsn)));
		return environment;
	}

	private static void assertShowsNoPassword(String text) {
		for (String mark : MARKS) {
			assertThat(text).doesNotContain(mark);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class StorageApplication {

	}

}
