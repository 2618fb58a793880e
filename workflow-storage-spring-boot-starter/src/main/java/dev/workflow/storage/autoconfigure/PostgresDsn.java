package dev.workflow.storage.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL connection, from a libpq-style DSN ({@code postgresql://user:pass@host:port/db})
 * or from its parts, turned into what the JDBC driver needs. The password is kept apart from the
 * URL, so the URL can be logged.
 *
 * @param host the server's host
 * @param port the server's port
 * @param database the database
 * @param user the user
 * @param password the password
 * @param query the DSN's query string (driver parameters such as {@code sslmode=require}), if any
 * @since 0.1.0
 */
public record PostgresDsn(String host, int port, String database, String user, String password,
		@Nullable String query) {

	/**
	 * Reads a DSN.
	 * @param dsn the DSN, scheme {@code postgresql} or {@code postgres}
	 * @return the parts
	 * @throws IllegalArgumentException naming what is wrong (never the password)
	 */
	public static PostgresDsn parse(String dsn) {
		URI uri;
		try {
			uri = new URI(dsn.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("pyworkflow.postgres.dsn is not a valid postgresql:// URL", ex);
		}
		if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"pyworkflow.postgres.dsn must start with postgresql://, got scheme '" + uri.getScheme() + "'");
		}
		String user = "pyworkflow";
		String password = "";
		if (uri.getRawUserInfo() != null) {
			String[] userInfo = uri.getRawUserInfo().split(":", 2);
			user = decode(userInfo[0]);
			password = (userInfo.length > 1) ? decode(userInfo[1]) : "";
		}
		String path = (uri.getPath() != null) ? uri.getPath().replaceFirst("^/", "") : "";
		return new PostgresDsn((uri.getHost() != null) ? uri.getHost() : "localhost",
				(uri.getPort() != -1) ? uri.getPort() : 5432, path.isEmpty() ? "pyworkflow" : path, user, password,
				uri.getRawQuery());
	}

	/**
	 * The JDBC URL, without credentials.
	 * @param sslmode the SSL mode to add, if any
	 * @return the URL
	 */
	public String jdbcUrl(@Nullable String sslmode) {
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(this.host)
			.append(':')
			.append(this.port)
			.append('/')
			.append(this.database);
		String separator = "?";
		if (this.query != null && !this.query.isEmpty()) {
			url.append(separator).append(this.query);
			separator = "&";
		}
		if (sslmode != null && !sslmode.isBlank()) {
			url.append(separator).append("sslmode=").append(sslmode);
		}
		return url.toString();
	}

	/**
	 * The server and database, for messages: never the password.
	 * @return {@code host:port/database}
	 */
	public String describe() {
		return this.host + ":" + this.port + "/" + this.database;
	}

	@Override
	public String toString() {
		return "PostgresDsn[" + this.user + "@" + describe() + "]";
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}
