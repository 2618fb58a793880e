package dev.workflow.storage.citus.testing;

import java.net.URI;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where a pooled database lives, for the clients that are not JDBC: pgbench and pyworkflow's
 * asyncpg (the compatibility suite and the benchmarks' floors). Taken from the pool's JDBC URL and credentials, so it works alike for the embedded
 * PostgreSQL server and the Citus coordinator.
 *
 * @param host the host
 * @param port the port
 * @param database the database's name
 * @param user the user
 * @param password the password, or {@code null} (the test servers trust local connections)
 */
public record ServerAddress(String host, int port, String database, String user, @Nullable String password) {

	/**
	 * The address of a Hikari pool's database.
	 * @param dataSource the pool
	 * @return its address
	 */
	public static ServerAddress of(DataSource dataSource) {
		if (!(dataSource instanceof HikariDataSource pool)) {
			throw new IllegalArgumentException("Not a Hikari pool: " + dataSource);
		}
		// jdbc:postgresql://localhost:5432/name?user=postgres
		URI url = URI.create(pool.getJdbcUrl().replaceFirst("^jdbc:", ""));
		String user = pool.getUsername();
		if (user == null && url.getQuery() != null) {
			user = url.getQuery().replaceFirst("^(?:.*&)?user=([^&]*).*$", "$1");
		}
		String password = pool.getPassword();
		return new ServerAddress(url.getHost(), (url.getPort() > 0) ? url.getPort() : 5432,
				url.getPath().replaceFirst("^/", ""), (user != null) ? user : "postgres",
				(password != null && !password.isEmpty()) ? password : null);
	}

	/**
	 * The DSN asyncpg connects with.
	 * @return {@code postgresql://user[:password]@host:port/database}
	 */
	public String dsn() {
		return "postgresql://" + this.user + ((this.password != null) ? ":" + this.password : "") + "@" + this.host
				+ ":" + this.port + "/" + this.database;
	}

	/**
	 * Puts the password, if any, where libpq clients read it, so it is never on a command line.
	 * @param environment a process's environment
	 */
	public void passwordInto(Map<String, String> environment) {
		if (this.password != null) {
			environment.put("PGPASSWORD", this.password);
		}
	}

	@Override
	public String toString() {
		// Without the password: this is printed.
		return this.user + "@" + this.host + ":" + this.port + "/" + this.database;
	}

}
