package dev.workflow.storage.citus.pyworkflow;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.ServerAddress;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * One fresh database that our backend and pyworkflow's share: a pooled data source for the Java
 * side and a DSN for pyworkflow's asyncpg pool.
 *
 * @param backend the backend it belongs to
 * @param dataSource the pooled data source
 */
record SharedDatabase(Backend backend, HikariDataSource dataSource) implements AutoCloseable {

	/**
	 * The DSN pyworkflow connects with, taken from the pool's JDBC URL and credentials.
	 * @return {@code postgresql://user[:password]@host:port/database}
	 */
	String dsn() {
		return ServerAddress.of(this.dataSource).dsn();
	}

	JdbcClient jdbc() {
		return JdbcClient.create(this.dataSource);
	}

	WorkflowStorage storage(Clock clock) {
		return this.backend.storage(this.dataSource, clock, EventTypes.pyworkflow());
	}

	WorkflowStorage storage(EventTypes eventTypes) {
		return this.backend.storage(this.dataSource, Clock.systemUTC(), eventTypes);
	}

	WorkflowStorage storage() {
		return storage(Clock.systemUTC());
	}

	void migrate() {
		this.backend.migrate(this.dataSource);
	}

	void validate() {
		this.backend.validate(this.dataSource);
	}

	/**
	 * The arguments every driver command takes, plus more.
	 * @param more further arguments, in pairs of name and value
	 * @return the arguments
	 */
	Map<String, Object> driverArguments(Object... more) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("dsn", dsn());
		arguments.put("backend", this.backend.pyworkflowName());
		for (int i = 0; i < more.length; i += 2) {
			arguments.put((String) more[i], more[i + 1]);
		}
		return arguments;
	}

	/**
	 * Lets a pyworkflow version's {@code connect()} create or migrate its schema, as its workers
	 * do on start.
	 * @param version the pyworkflow version
	 * @throws AssertionError with pyworkflow's error when its {@code connect()} fails
	 */
	void pyworkflowConnect(PyworkflowVersion version) {
		version.driver().run("init", driverArguments());
	}

	/**
	 * Lets a pyworkflow version's {@code connect()} create its tables in this empty database, as
	 * a team running that version got them. 45fbe4c on PostgreSQL runs its migrations before its
	 * CREATE TABLE statements, and its migration 5 alters {@code stream_subscriptions}: on an
	 * empty database it fails and stays at schema version 4 (see the README next to the
	 * tarballs), unless {@code stream_subscriptions} is created first, which is done here.
	 * @param version the pyworkflow version
	 */
	void pyworkflowCreatesTables(PyworkflowVersion version) {
		boolean stuckOtherwise = version == PyworkflowVersion.V45FBE4C && this.backend == Backend.POSTGRESQL;
		version.driver().run("init", driverArguments("create_stream_subscriptions_first", stuckOtherwise));
	}

	/**
	 * Lets a pyworkflow version's {@code connect()} run and reports how it ended, failed or not.
	 * @param version the pyworkflow version
	 * @return the failure ({@code error} and {@code message}), or a JSON null when it connected
	 */
	JsonNode pyworkflowConnectOutcome(PyworkflowVersion version) {
		return version.driver().run("init", driverArguments("report_failure", true)).get("failure");
	}

	/**
	 * The rows of pyworkflow's {@code schema_versions}.
	 * @return version and description of each, by version
	 */
	List<Map<String, Object>> schemaVersions() {
		return jdbc().sql("SELECT version, description FROM schema_versions ORDER BY version").query().listOfRows();
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
