package dev.workflow.storage.autoconfigure;

import java.util.Locale;

/**
 * libpq's SSL modes, the values of {@code pyworkflow.postgres.sslmode}; Boot binds them in any
 * case, with '-' or '_' ('verify-full', 'VERIFY_FULL').
 *
 * @since 0.1.0
 */
public enum SslMode {

	/**
	 * Never use SSL.
	 */
	DISABLE,

	/**
	 * Use SSL if the server insists.
	 */
	ALLOW,

	/**
	 * Use SSL if the server supports it.
	 */
	PREFER,

	/**
	 * Always use SSL, without checking the certificate.
	 */
	REQUIRE,

	/**
	 * Always use SSL and check the certificate's CA.
	 */
	VERIFY_CA,

	/**
	 * Always use SSL and check the certificate and host name.
	 */
	VERIFY_FULL;

	/**
	 * The value as libpq and the PostgreSQL JDBC driver spell it.
	 * @return such as {@code verify-full}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
