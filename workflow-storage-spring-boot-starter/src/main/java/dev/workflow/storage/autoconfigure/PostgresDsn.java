package dev.workflow.storage.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection, from a libpq connection URI
 * ({@code postgresql://user:pass@host1:port1,host2:port2/db?param=value}) or from its parts,
 * turned into what the JDBC driver needs. Credentials are kept apart from the URL, so the URL can
 * be logged; {@link #toString()} never shows the password.
 *
 * @param hosts the servers, tried in order
 * @param database the database
 * @param user the user
 * @param password the password
 * @param parameters PostgreSQL JDBC driver parameters (pgjdbc's names), never credentials
 * @since 0.1.0
 */
public record PostgresDsn(List<Host> hosts, String database, String user, String password,
		Map<String, String> parameters) {

	public PostgresDsn {
		hosts = List.copyOf(hosts);
		parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
	}

	/**
	 * Reads a DSN by libpq's URI rules (what pyworkflow's asyncpg reads too), stricter where the
	 * two disagree: characters that would end the user info early ({@code @ / ? #}, spaces) must
	 * be percent-encoded.
	 * @param dsn the DSN, scheme {@code postgresql} or {@code postgres}
	 * @return the parts
	 * @throws InvalidPostgresDsnException naming what is wrong (never the password)
	 */
	public static PostgresDsn parse(String dsn) {
		return LibpqUri.parse(dsn);
	}

	/**
	 * A connection to one server.
	 * @param host the server's host
	 * @param port the server's port
	 * @param database the database
	 * @param user the user
	 * @param password the password
	 * @return the connection
	 */
	public static PostgresDsn of(String host, int port, String database, String user, String password) {
		return new PostgresDsn(List.of(new Host(host, port)), database, user, password, Map.of());
	}

	/**
	 * The DSN with its password hidden, for messages; never fails, whatever the text.
	 * @param dsn the DSN as configured
	 * @return the DSN with the password (in the user info or a {@code password} parameter) masked, or
	 * {@code ****} when it is no postgresql:// URI
	 */
	public static String redact(String dsn) {
		return LibpqUri.redact(dsn);
	}

	/**
	 * The JDBC URL, without credentials.
	 * @param sslmode the SSL mode, which replaces the DSN's own, if any
	 * @return the URL
	 */
	public String jdbcUrl(@Nullable String sslmode) {
		Map<String, String> parameters = new LinkedHashMap<>(this.parameters);
		if (sslmode != null && !sslmode.isBlank()) {
			parameters.put("sslmode", sslmode.strip());
		}
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostList())
			.append('/')
			.append(PercentEncoding.encode(this.database));
		String separator = "?";
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			url.append(separator)
				.append(parameter.getKey())
				.append('=')
				.append(PercentEncoding.encode(parameter.getValue()));
			separator = "&";
		}
		return url.toString();
	}

	/**
	 * The servers and database, for messages: never the password.
	 * @return {@code host:port[,host:port...]/database}
	 */
	public String describe() {
		return hostList() + "/" + this.database;
	}

	@Override
	public String toString() {
		String parameters = this.parameters.isEmpty() ? "" : "?" + this.parameters;
		return "PostgresDsn[" + this.user + "@" + describe() + parameters + "]";
	}

	private String hostList() {
		return this.hosts.stream().map(Host::toString).collect(Collectors.joining(","));
	}

	/**
	 * One server.
	 *
	 * @param name the host name or IP address (an IPv6 address without brackets)
	 * @param port the port
	 */
	public record Host(String name, int port) {

		@Override
		public String toString() {
			return (this.name.indexOf(':') >= 0 ? "[" + this.name + "]" : this.name) + ":" + this.port;
		}

	}

}
