package dev.workflow.storage.autoconfigure.docker.compose;

import java.util.Map;

import dev.workflow.storage.autoconfigure.WorkflowStorageConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

/**
 * Turns a Docker Compose service of the image {@code postgres} or {@code citusdata/citus}, or one
 * labelled {@code org.springframework.boot.service-connection: workflow-storage}, into
 * {@link WorkflowStorageConnectionDetails}, so workflow storage connects to it. The environment
 * is read as Spring Boot reads it for its own PostgreSQL {@code DataSource}: user, password and
 * database from {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD} and {@code POSTGRES_DB} (or
 * their {@code POSTGRESQL_*} forms), no password with {@code POSTGRES_HOST_AUTH_METHOD=trust},
 * JDBC parameters from the label {@code org.springframework.boot.jdbc.parameters}.
 *
 * <p>
 * A {@code postgres} service thus serves both the application's {@code DataSource} and workflow
 * storage (in tables of their own); one labelled {@code workflow-storage} serves workflow storage
 * only, and one labelled {@value #IGNORE_LABEL}{@code : true} is left to the application.
 *
 * @since 0.1.0
 */
class PostgresDockerComposeWorkflowStorageConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<WorkflowStorageConnectionDetails> {

	/**
	 * The label that keeps a service from workflow storage.
	 */
	static final String IGNORE_LABEL = "dev.workflow.storage.ignore";

	private static final String[] CONNECTION_NAMES = { "postgres", "citusdata/citus", "workflow-storage" };

	private static final String PARAMETERS_LABEL = "org.springframework.boot.jdbc.parameters";

	private static final int POSTGRES_PORT = 5432;

	PostgresDockerComposeWorkflowStorageConnectionDetailsFactory() {
		super(CONNECTION_NAMES);
	}

	@Override
	protected @Nullable WorkflowStorageConnectionDetails getDockerComposeConnectionDetails(
			DockerComposeConnectionSource source) {
		RunningService service = source.getRunningService();
		// Here rather than in a predicate: the names constructor is the only way to Boot's name matching.
		if (Boolean.parseBoolean(service.labels().get(IGNORE_LABEL))) {
			return null;
		}
		return new ComposeDetails(service);
	}

	static final class ComposeDetails extends DockerComposeConnectionDetails
			implements WorkflowStorageConnectionDetails {

		private final String jdbcUrl;

		private final String username;

		private final String password;

		ComposeDetails(RunningService service) {
			super(service);
			Map<String, @Nullable String> env = service.env();
			this.username = first(env, "postgres", "POSTGRES_USER", "POSTGRESQL_USER", "POSTGRESQL_USERNAME");
			this.password = password(env);
			String database = first(env, this.username, "POSTGRES_DB", "POSTGRESQL_DB", "POSTGRESQL_DATABASE");
			String parameters = service.labels().get(PARAMETERS_LABEL);
			this.jdbcUrl = "jdbc:postgresql://" + service.host() + ":" + service.ports().get(POSTGRES_PORT)
					+ (database.isEmpty() ? "" : "/" + database)
					+ ((parameters != null && !parameters.isEmpty()) ? "?" + parameters : "");
		}

		private static String first(Map<String, @Nullable String> env, String otherwise, String... keys) {
			for (String key : keys) {
				String value = env.get(key);
				if (value != null) {
					return value;
				}
			}
			return otherwise;
		}

		// The container refuses to start without a password unless trust or an empty one is asked for.
		private static String password(Map<String, @Nullable String> env) {
			if ("trust".equals(env.get("POSTGRES_HOST_AUTH_METHOD"))) {
				return "";
			}
			String password = first(env, "", "POSTGRES_PASSWORD", "POSTGRESQL_PASSWORD");
			if (password.isEmpty() && !env.containsKey("ALLOW_EMPTY_PASSWORD")) {
				throw new IllegalStateException("No PostgreSQL password found");
			}
			return password;
		}

		@Override
		public String getJdbcUrl() {
			return this.jdbcUrl;
		}

		@Override
		public String getUsername() {
			return this.username;
		}

		@Override
		public String getPassword() {
			return this.password;
		}

	}

}
