package dev.workflow.storage.autoconfigure.docker.compose;

import java.util.List;
import java.util.Map;

import dev.workflow.storage.autoconfigure.WorkflowStorageConnectionDetails;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a Docker Compose service becomes, through the factories of {@code spring.factories} as
 * Spring Boot looks them up for a running service (no Docker here: the service is described by
 * hand), next to Boot's own JDBC connection details for the same service.
 */
class PostgresDockerComposeWorkflowStorageConnectionDetailsFactoryTests {

	private static final String HOST = "10.0.0.7";

	private static final int MAPPED_PORT = 54321;

	@Test
	void postgresServiceServesTheDataSourceAndWorkflowStorage() {
		Map<Class<?>, ConnectionDetails> details = connectionDetails(new ComposeService("postgres:17",
				Map.of("POSTGRES_USER", "app", "POSTGRES_PASSWORD", "secret", "POSTGRES_DB", "orders"), Map.of()));
		assertThat(details).containsOnlyKeys(JdbcConnectionDetails.class, WorkflowStorageConnectionDetails.class);
		WorkflowStorageConnectionDetails storage = storageDetails(details);
		assertThat(storage.getJdbcUrl()).isEqualTo("jdbc:postgresql://" + HOST + ":" + MAPPED_PORT + "/orders");
		assertThat(storage.getUsername()).isEqualTo("app");
		assertThat(storage.getPassword()).isEqualTo("secret");
		JdbcConnectionDetails jdbc = (JdbcConnectionDetails) details.get(JdbcConnectionDetails.class);
		assertThat(storage.getJdbcUrl()).isEqualTo(jdbc.getJdbcUrl());
	}

	@Test
	void userAndDatabaseDefaultAsInTheImage() {
		WorkflowStorageConnectionDetails storage = storageDetails(
				connectionDetails(new ComposeService("postgres", Map.of("POSTGRES_PASSWORD", "secret"), Map.of())));
		assertThat(storage.getJdbcUrl()).isEqualTo("jdbc:postgresql://" + HOST + ":" + MAPPED_PORT + "/postgres");
		assertThat(storage.getUsername()).isEqualTo("postgres");
	}

	@Test
	void databaseDefaultsToTheUser() {
		WorkflowStorageConnectionDetails storage = storageDetails(connectionDetails(
				new ComposeService("postgres", Map.of("POSTGRES_USER", "app", "POSTGRES_PASSWORD", "s"), Map.of())));
		assertThat(storage.getJdbcUrl()).endsWith("/app");
	}

	@Test
	void trustNeedsNoPassword() {
		WorkflowStorageConnectionDetails storage = storageDetails(connectionDetails(
				new ComposeService("postgres", Map.of("POSTGRES_HOST_AUTH_METHOD", "trust"), Map.of())));
		assertThat(storage.getUsername()).isEqualTo("postgres");
		assertThat(storage.getPassword()).isEmpty();
	}

	@Test
	void emptyPasswordOnlyWhenAllowed() {
		WorkflowStorageConnectionDetails storage = storageDetails(
				connectionDetails(new ComposeService("postgres", Map.of("ALLOW_EMPTY_PASSWORD", "yes"), Map.of())));
		assertThat(storage.getPassword()).isEmpty();
		assertThatIllegalStateException()
			.isThrownBy(() -> connectionDetails(new ComposeService("postgres", Map.of(), Map.of())))
			.withMessage("No PostgreSQL password found");
	}

	@Test
	void postgresqlPrefixedVariablesAsBitnamiWritesThem() {
		WorkflowStorageConnectionDetails storage = storageDetails(connectionDetails(new ComposeService(
				"bitnami/postgresql", Map.of("POSTGRESQL_USERNAME", "app", "POSTGRESQL_PASSWORD", "secret",
						"POSTGRESQL_DATABASE", "orders"),
				Map.of("org.springframework.boot.service-connection", "postgres"))));
		assertThat(storage.getJdbcUrl()).endsWith("/orders");
		assertThat(storage.getUsername()).isEqualTo("app");
		assertThat(storage.getPassword()).isEqualTo("secret");
	}

	@Test
	void citusServiceServesWorkflowStorageOnly() {
		for (String image : List.of("citusdata/citus:12.1", "docker.io/citusdata/citus")) {
			Map<Class<?>, ConnectionDetails> details = connectionDetails(
					new ComposeService(image, Map.of("POSTGRES_PASSWORD", "secret"), Map.of()));
			assertThat(details).as(image).containsOnlyKeys(WorkflowStorageConnectionDetails.class);
			assertThat(storageDetails(details).getJdbcUrl()).as(image)
				.isEqualTo("jdbc:postgresql://" + HOST + ":" + MAPPED_PORT + "/postgres");
		}
	}

	@Test
	void serviceLabelledWorkflowStorageServesWorkflowStorageOnly() {
		Map<Class<?>, ConnectionDetails> details = connectionDetails(new ComposeService("postgres:17",
				Map.of("POSTGRES_PASSWORD", "secret"),
				Map.of("org.springframework.boot.service-connection", "workflow-storage")));
		assertThat(details).containsOnlyKeys(WorkflowStorageConnectionDetails.class);
	}

	@Test
	void ignoredServiceServesTheDataSourceOnly() {
		Map<Class<?>, ConnectionDetails> details = connectionDetails(new ComposeService("postgres:17",
				Map.of("POSTGRES_PASSWORD", "secret"),
				Map.of(PostgresDockerComposeWorkflowStorageConnectionDetailsFactory.IGNORE_LABEL, "true")));
		assertThat(details).containsOnlyKeys(JdbcConnectionDetails.class);
	}

	@Test
	void jdbcParametersLabelAsForTheDataSource() {
		Map<Class<?>, ConnectionDetails> details = connectionDetails(
				new ComposeService("postgres:17", Map.of("POSTGRES_PASSWORD", "secret"),
						Map.of("org.springframework.boot.jdbc.parameters", "sslmode=disable&connectTimeout=3")));
		assertThat(storageDetails(details).getJdbcUrl()).isEqualTo("jdbc:postgresql://" + HOST + ":" + MAPPED_PORT
				+ "/postgres?sslmode=disable&connectTimeout=3")
			.isEqualTo(((JdbcConnectionDetails) details.get(JdbcConnectionDetails.class)).getJdbcUrl());
	}

	@Test
	void otherImagesAreNotWorkflowStorage() {
		assertThat(connectionDetails(new ComposeService("redis:7", Map.of(), Map.of())))
			.doesNotContainKey(WorkflowStorageConnectionDetails.class);
	}

	private static WorkflowStorageConnectionDetails storageDetails(Map<Class<?>, ConnectionDetails> details) {
		return (WorkflowStorageConnectionDetails) details.get(WorkflowStorageConnectionDetails.class);
	}

	// As Spring Boot's DockerComposeServiceConnectionsApplicationListener does for each running
	// service; the source's constructor is package-private there.
	private static Map<Class<?>, ConnectionDetails> connectionDetails(RunningService service) {
		DockerComposeConnectionSource source;
		try {
			source = BeanUtils.instantiateClass(
					DockerComposeConnectionSource.class.getDeclaredConstructor(RunningService.class, Environment.class),
					service, new MockEnvironment());
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		ConnectionDetailsFactories factories = new ConnectionDetailsFactories(
				PostgresDockerComposeWorkflowStorageConnectionDetailsFactoryTests.class.getClassLoader());
		return factories.getConnectionDetails(source, false);
	}

	// PostgreSQL's port 5432 published on MAPPED_PORT of HOST.
	private record ComposeService(String imageName, Map<String, String> env,
			Map<String, String> labels) implements RunningService {

		@Override
		public String name() {
			return "db";
		}

		@Override
		public ImageReference image() {
			return ImageReference.of(this.imageName);
		}

		@Override
		public String host() {
			return HOST;
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {

				@Override
				public int get(int sourcePort) {
					assertThat(sourcePort).isEqualTo(5432);
					return MAPPED_PORT;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(MAPPED_PORT);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return List.of(MAPPED_PORT);
				}

			};
		}

	}

}
