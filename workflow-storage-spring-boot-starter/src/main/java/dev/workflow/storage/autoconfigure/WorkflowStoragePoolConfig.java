package dev.workflow.storage.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The dedicated pool's HikariCP configuration, from the connection details and
 * {@code pyworkflow.postgres.*}, with pyworkflow's (asyncpg's) pool settings carried over to
 * their HikariCP counterparts. {@code pyworkflow.postgres.hikari.*} is bound over it afterwards.
 */
final class WorkflowStoragePoolConfig {

	static final String HIKARI_PREFIX = "pyworkflow.postgres.hikari";

	// What HikariCP would connect to, and as whom: only the connection details say that, so a
	// DSN, the environment variables pyworkflow reads and a service connection stay the one source.
	private static final List<ConfigurationPropertyName> CONNECTION_PROPERTIES = Stream
		.of("jdbc-url", "username", "password", "credentials", "credentials-provider",
				"credentials-provider-class-name", "driver-class-name", "data-source-class-name",
				"data-source-j-n-d-i", "data-source",
				// pgjdbc takes these driver properties over HikariCP's username and password.
				"data-source-properties.user", "data-source-properties.password")
		.map((property) -> ConfigurationPropertyName.of(HIKARI_PREFIX).append(property))
		.toList();

	// HikariCP's own default maxLifetime.
	private static final Duration HIKARI_MAX_LIFETIME = Duration.ofMinutes(30);

	// HikariCP raises a shorter idleTimeout to 10 minutes.
	private static final Duration HIKARI_MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration LAST_RESORT_MARGIN = Duration.ofMinutes(1);

	private WorkflowStoragePoolConfig() {
	}

	// Failing at the first call rather than at pool creation lets the schema initializer report
	// an unreachable server with its own failure analysis.
	static HikariConfig of(WorkflowStorageConnectionDetails connectionDetails,
			WorkflowStorageProperties.Postgres postgres) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("pyworkflow");
		config.setJdbcUrl(connectionDetails.getJdbcUrl());
		config.setUsername(connectionDetails.getUsername());
		config.setPassword(connectionDetails.getPassword());
		config.setMinimumIdle(postgres.getMinPoolSize());
		config.setMaximumPoolSize(postgres.getMaxPoolSize());
		config.setConnectionTimeout(postgres.getConnectTimeout().toDuration().toMillis());
		config.setInitializationFailTimeout(-1);
		applyMaxInactiveLifetime(config, postgres);
		Properties driver = new Properties();
		driver.setProperty("connectTimeout", String.valueOf(postgres.getConnectTimeout().toWholeSecondsAtLeastOne()));
		driver.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds(postgres)));
		driver.setProperty("ApplicationName", "workflow-storage");
		config.setDataSourceProperties(driver);
		return config;
	}

	// Looked for among the names set rather than bound, so that neither a failure nor its analysis
	// can show a password's value.
	static void rejectConnectionProperties(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource names) {
				for (ConfigurationPropertyName rejected : CONNECTION_PROPERTIES) {
					names.stream()
						.filter((name) -> rejected.equals(name) || rejected.isAncestorOf(name))
						.findFirst()
						.map(source::getConfigurationProperty)
						.ifPresent((found) -> {
							throw new PoolConnectionPropertyException(rejected.toString(),
									(found.getOrigin() != null) ? found.getOrigin().toString() : "origin unknown");
						});
				}
			}
		}
	}

	// The command timeout is the storage's statement timeout, which the server honours by cancelling
	// the statement. The socket timeout is only the last resort for a server that stopped answering
	// (a host gone, a network cut without a reset), which would hold the caller until TCP gives up,
	// hours later. It must never end a statement the server still runs, since the server would go
	// on and could commit what the caller was told had failed; so it is well above the command
	// timeout, by when the server has cancelled the statement and said so, and it leaves the same
	// margin to a commit, which no statement timeout covers. Migrations clear it on their connection.
	static int socketTimeoutSeconds(WorkflowStorageProperties.Postgres postgres) {
		long seconds = 2L * postgres.getCommandTimeout().toWholeSecondsAtLeastOne() + LAST_RESORT_MARGIN.toSeconds();
		return (int) Math.min(Integer.MAX_VALUE, seconds);
	}

	// asyncpg closes a connection that sat idle for max_inactive_connection_lifetime; HikariCP's
	// idleTimeout does so for connections above minimumIdle only, which is what min-pool-size means
	// here, and not at all in a fixed-size pool (where it would only log a warning). HikariCP turns
	// idleTimeout off when it is within a second of maxLifetime, as pyworkflow's default 1800 s is
	// of HikariCP's default 30 min, so maxLifetime is lengthened past it; and it replaces an
	// idleTimeout under 10 s by 10 min, so shorter values become 10 s, the nearest it accepts.
	private static void applyMaxInactiveLifetime(HikariConfig config, WorkflowStorageProperties.Postgres postgres) {
		Duration lifetime = postgres.getMaxInactiveLifetime().toDuration();
		if (lifetime.isZero() || postgres.getMinPoolSize() >= postgres.getMaxPoolSize()) {
			config.setIdleTimeout(0);
			return;
		}
		Duration idleTimeout = (lifetime.compareTo(HIKARI_MIN_IDLE_TIMEOUT) < 0) ? HIKARI_MIN_IDLE_TIMEOUT : lifetime;
		config.setIdleTimeout(idleTimeout.toMillis());
		Duration maxLifetime = idleTimeout.plusMinutes(1);
		config.setMaxLifetime(Math.max(HIKARI_MAX_LIFETIME.toMillis(), maxLifetime.toMillis()));
	}

}
