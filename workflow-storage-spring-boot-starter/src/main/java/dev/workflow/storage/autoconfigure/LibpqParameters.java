package dev.workflow.storage.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The libpq connection parameters a DSN's query may hold, each with its PostgreSQL JDBC driver
 * (pgjdbc) name and value. A parameter pgjdbc has no counterpart for is refused rather than
 * dropped, so a DSN never means less here than it does to pyworkflow.
 */
final class LibpqParameters {

	// Same values in both drivers; only the name differs, or not.
	private static final Map<String, String> RENAMED = Map.ofEntries(Map.entry("sslmode", "sslmode"),
			Map.entry("sslcert", "sslcert"), Map.entry("sslkey", "sslkey"), Map.entry("sslrootcert", "sslrootcert"),
			Map.entry("sslnegotiation", "sslNegotiation"), Map.entry("channel_binding", "channelBinding"),
			Map.entry("gssencmode", "gssEncMode"), Map.entry("gsslib", "gsslib"),
			Map.entry("krbsrvname", "kerberosServerName"), Map.entry("application_name", "ApplicationName"),
			Map.entry("options", "options"));

	// why: pgjdbc tells a primary from a standby by transaction_read_only, so its 'secondary' is
	// libpq's read-only and the nearest to standby.
	private static final Map<String, String> TARGET_SERVER_TYPES = Map.of("any", "any", "read-write", "primary",
			"primary", "primary", "read-only", "secondary", "standby", "secondary", "prefer-standby",
			"preferSecondary");

	private static final Map<String, String> LOAD_BALANCE_HOSTS = Map.of("disable", "false", "random", "true");

	// Values that need translating.
	private static final List<String> MAPPED = List.of("connect_timeout", "target_session_attrs",
			"load_balance_hosts", "keepalives");

	private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca",
			"verify-full");

	private LibpqParameters() {
	}

	/**
	 * Whether a libpq parameter has a pgjdbc counterpart.
	 * @param name the libpq name
	 * @return whether it has
	 */
	static boolean supports(String name) {
		return RENAMED.containsKey(name) || MAPPED.contains(name);
	}

	/**
	 * The pgjdbc parameter for a libpq one.
	 * @param name the libpq name
	 * @param value its value
	 * @param error makes the exception to throw from a reason
	 * @return pgjdbc's name and value
	 */
	static Map.Entry<String, String> toPgjdbc(String name, String value, Function<String, RuntimeException> error) {
		if (name.equals("sslmode") && !SSL_MODES.contains(value)) {
			throw error.apply("has sslmode=" + value + ", which is none of " + String.join(", ", SSL_MODES));
		}
		if (RENAMED.containsKey(name)) {
			return Map.entry(RENAMED.get(name), value);
		}
		return switch (name) {
			case "connect_timeout" -> {
				if (!value.matches("\\d{1,9}")) {
					throw error.apply("has connect_timeout=" + value + ", which is not a whole number of seconds");
				}
				yield Map.entry("connectTimeout", value);
			}
			case "target_session_attrs" -> Map.entry("targetServerType",
					mapped(name, value, TARGET_SERVER_TYPES, error));
			case "load_balance_hosts" -> Map.entry("loadBalanceHosts", mapped(name, value, LOAD_BALANCE_HOSTS, error));
			case "keepalives" -> {
				if (!value.matches("\\d+")) {
					throw error.apply("has keepalives=" + value + ", which is neither 0 nor 1");
				}
				yield Map.entry("tcpKeepAlive", String.valueOf(!value.matches("0+")));
			}
			case "sslpassword" -> throw error.apply("has parameter sslpassword, which the starter does not support "
					+ "(it keeps secrets out of the JDBC URL); use a key file without a passphrase");
			default -> throw error.apply("has parameter '" + name + "', which the PostgreSQL JDBC driver has no "
					+ "counterpart for; supported: " + String.join(", ", supported()));
		};
	}

	private static String mapped(String name, String value, Map<String, String> values,
			Function<String, RuntimeException> error) {
		String mapped = values.get(value);
		if (mapped == null) {
			throw error.apply("has " + name + "=" + value + ", which is none of "
					+ String.join(", ", new TreeSet<>(values.keySet())));
		}
		return mapped;
	}

	private static TreeSet<String> supported() {
		TreeSet<String> names = new TreeSet<>(RENAMED.keySet());
		names.addAll(MAPPED);
		names.addAll(List.of("user", "password", "dbname", "host", "port"));
		return names;
	}

}
