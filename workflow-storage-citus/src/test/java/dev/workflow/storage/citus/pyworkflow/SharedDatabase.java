package dev.workflow.storage.citus.pyworkflow;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.ServerAddress;
import org.springframework.jdbc.core.simple.JdbcClient;

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
		return this.backend.storage(this.dataSource, clock);
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
	 * Lets pyworkflow's {@code connect()} create or migrate its schema, as its workers do on start.
	 */
	void pyworkflowConnect() {
		PyworkflowDriver.get().run("init", driverArguments());
	}

	@Override
	public void close() {
		this.dataSource.close();
	}

}
