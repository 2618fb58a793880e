package dev.workflow.storage.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a libpq connection URI,
 * {@code postgresql://[user[:password]@][host[:port][,...]][/dbname][?param=value[&...]]}, by hand:
 * {@link java.net.URI} drops host names with underscores, knows one host only and quotes the
 * whole text, password included, in its errors.
 * <p>
 * Where libpq and asyncpg (which pyworkflow uses) split an unencoded {@code @ / ? #} or space in
 * the user info differently, this refuses it instead of guessing: a raw {@code @} may only end the
 * user info. Every error names the DSN with its password masked.
 */
final class LibpqUri {

	private static final String PROPERTY = "pyworkflow.postgres.dsn";

	private static final List<String> SCHEMES = List.of("postgresql://", "postgres://");

	private static final String DEFAULT_USER = "pyworkflow";

	private static final int DEFAULT_PORT = 5432;

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&](ssl)?password=).*");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

	private final String redacted;

	private @Nullable String user;

	private @Nullable String password;

	private @Nullable String database;

	private List<String> hosts = new ArrayList<>();

	private List<String> ports = new ArrayList<>();

	private final Map<String, String> parameters = new LinkedHashMap<>();

	private LibpqUri(String dsn) {
		this.redacted = redact(dsn);
	}

	static PostgresDsn parse(String dsn) {
		return new LibpqUri(dsn).read(dsn.strip());
	}

	/**
	 * The DSN with everything that may be a password masked; never fails.
	 * @param dsn the DSN as configured
	 * @return the masked DSN
	 */
	static String redact(String dsn) {
		try {
			String text = dsn.strip();
			String scheme = scheme(text);
			if (scheme == null) {
				return "****";
			}
			String rest = text.substring(scheme.length());
			int at = rest.lastIndexOf('@');
			String masked;
			if (at >= 0) {
				String userInfo = rest.substring(0, at);
				int userEnd = indexOfAny(userInfo, ":/?#", 0);
				masked = userInfo.substring(0, userEnd) + ((userEnd < userInfo.length()) ? ":****" : "")
						+ rest.substring(at);
			}
			else {
				masked = maskNonNumericPorts(rest);
			}
			return scheme + maskQueryFromPassword(PASSWORD_PARAMETER.matcher(masked).replaceFirst("$1****"));
		}
		catch (RuntimeException ex) {
			return "****";
		}
	}

	// A parameter name may be percent-encoded (pass%77ord): everything from the first parameter
	// whose name holds an escape is masked too.
	private static String maskQueryFromPassword(String dsn) {
		int query = dsn.indexOf('?');
		if (query < 0) {
			return dsn;
		}
		int position = query;
		while (position < dsn.length()) {
			int end = dsn.indexOf('&', position + 1);
			String pair = dsn.substring(position + 1, (end < 0) ? dsn.length() : end);
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).contains("%")) {
				return dsn.substring(0, position + 1) + "****";
			}
			if (end < 0) {
				break;
			}
			position = end;
		}
		return dsn;
	}

	private PostgresDsn read(String dsn) {
		String scheme = scheme(dsn);
		if (scheme == null) {
			throw invalid("does not start with postgresql:// or postgres:// (libpq's key=value form is not read)");
		}
		String rest = dsn.substring(scheme.length());
		checkCharacters(rest);
		int authorityEnd = indexOfAny(rest, "/?", 0);
		String authority = rest.substring(0, authorityEnd);
		String tail = rest.substring(authorityEnd);
		if (tail.indexOf('@') >= 0) {
			throw invalid("has an '@' after the host; percent-encode '@', '/' and '?' in the user name and password "
					+ "(%40, %2F, %3F), and '@' anywhere else");
		}
		int at = authority.lastIndexOf('@');
		if (authority.indexOf('@') != at) {
			throw invalid("has more than one '@' before the host; percent-encode '@' in the user name and password "
					+ "as %40");
		}
		if (at >= 0) {
			readUserInfo(authority.substring(0, at));
		}
		readHostSpec(authority.substring(at + 1));
		String query = "";
		if (tail.startsWith("/")) {
			int questionMark = tail.indexOf('?');
			String path = (questionMark >= 0) ? tail.substring(1, questionMark) : tail.substring(1);
			this.database = path.isEmpty() ? null : decode(path, "the database name");
			query = (questionMark >= 0) ? tail.substring(questionMark + 1) : "";
		}
		else if (tail.startsWith("?")) {
			query = tail.substring(1);
		}
		readQuery(query);
		String user = (this.user == null || this.user.isEmpty()) ? DEFAULT_USER : this.user;
		// As libpq and asyncpg: the database defaults to the user's name.
		String database = (this.database == null || this.database.isEmpty()) ? user : this.database;
		return new PostgresDsn(hosts(), database, user, (this.password != null) ? this.password : "",
				this.parameters);
	}

	private void checkCharacters(String rest) {
		for (int i = 0; i < rest.length(); i++) {
			char c = rest.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c)) {
				throw invalid("has a space or control character that is not percent-encoded; write a space as %20");
			}
			if (c == '#') {
				throw invalid("has a '#' that is not percent-encoded; write it as %23");
			}
		}
	}

	private void readUserInfo(String userInfo) {
		int colon = userInfo.indexOf(':');
		this.user = decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo, "the user name");
		if (colon >= 0) {
			this.password = decode(userInfo.substring(colon + 1), "the password");
		}
	}

	private void readHostSpec(String hostSpec) {
		if (hostSpec.isEmpty()) {
			return;
		}
		for (String item : hostSpec.split(",", -1)) {
			String host;
			String port;
			if (item.startsWith("[")) {
				int close = item.indexOf(']');
				if (close < 0) {
					throw invalid("has an IPv6 address without its closing ']'");
				}
				host = item.substring(1, close);
				String after = item.substring(close + 1);
				if (!after.isEmpty() && !after.startsWith(":")) {
					throw invalid("has text after the IPv6 address [" + host + "] that is not ':port'");
				}
				port = after.isEmpty() ? "" : after.substring(1);
			}
			else {
				int colon = item.indexOf(':');
				host = decode((colon >= 0) ? item.substring(0, colon) : item, "a host name");
				port = (colon >= 0) ? item.substring(colon + 1) : "";
			}
			this.hosts.add(host);
			this.ports.add(port);
		}
		if (this.ports.stream().allMatch(String::isEmpty)) {
			this.ports.clear();
		}
	}

	private void readQuery(String query) {
		boolean afterSecret = false;
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				throw invalid("has a query parameter without a name or without '='" + secretHint(afterSecret));
			}
			String name = decode(pair.substring(0, equals), "a query parameter's name");
			String value = decode(pair.substring(equals + 1), "the value of a query parameter");
			switch (name) {
				case "user" -> this.user = value;
				case "password" -> this.password = value;
				case "dbname" -> this.database = value;
				case "host" -> this.hosts = new ArrayList<>(List.of(value.split(",", -1)));
				case "port" -> this.ports = new ArrayList<>(List.of(value.split(",", -1)));
				default -> {
					if (afterSecret && !LibpqParameters.supports(name)) {
						throw invalid("has a query parameter the driver does not know after the password"
								+ secretHint(true));
					}
					// After the password, a value (even a name) may be a piece of it: never echo them.
					Function<String, RuntimeException> error = afterSecret
							? (reason) -> invalid("has a query parameter after the password whose value the "
									+ "driver cannot take" + secretHint(true))
							: this::invalid;
					Map.Entry<String, String> parameter = LibpqParameters.toPgjdbc(name, value, error);
					this.parameters.put(parameter.getKey(), parameter.getValue());
				}
			}
			afterSecret = afterSecret || name.equals("password") || name.equals("sslpassword");
		}
	}

	private static String secretHint(boolean afterSecret) {
		return afterSecret ? "; if the password holds '&' or '=', percent-encode them (%26, %3D)" : "";
	}

	private List<PostgresDsn.Host> hosts() {
		List<String> hosts = this.hosts.isEmpty() ? List.of("") : this.hosts;
		if (!this.ports.isEmpty() && this.ports.size() != 1 && this.ports.size() != hosts.size()) {
			throw invalid("has " + hosts.size() + " hosts but " + this.ports.size() + " ports");
		}
		List<PostgresDsn.Host> result = new ArrayList<>();
		for (int i = 0; i < hosts.size(); i++) {
			String port = this.ports.isEmpty() ? "" : this.ports.get((this.ports.size() == 1) ? 0 : i);
			String host = host(hosts.get(i));
			result.add(new PostgresDsn.Host(host, port(host, port)));
		}
		return result;
	}

	private String host(String text) {
		String host = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		if (host.isEmpty()) {
			return "localhost";
		}
		if (host.startsWith("/")) {
			throw invalid("names a Unix-domain socket (" + host + "), which the PostgreSQL JDBC driver cannot use; "
					+ "give a host name");
		}
		if (host.indexOf(':') >= 0) {
			if (!IPV6.matcher(host).matches()) {
				throw invalid("has host '" + host + "', which is not an IPv6 address; write IPv6 addresses in "
						+ "brackets");
			}
			return host;
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (!Character.isLetterOrDigit(c) && ".-_".indexOf(c) < 0) {
				throw invalid("has host '" + host + "', which is not a host name or IP address");
			}
		}
		return host;
	}

	// The port's text is not quoted: in a DSN whose '@' is missing, it may be a password.
	private int port(String host, String port) {
		if (port.isEmpty()) {
			return DEFAULT_PORT;
		}
		if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
			throw invalid("has a port for host '" + host + "' that is not a number from 1 to 65535");
		}
		return Integer.parseInt(port);
	}

	private String decode(String text, String part) {
		return PercentEncoding.decode(text, part, this::invalid);
	}

	private InvalidPostgresDsnException invalid(String reason) {
		return new InvalidPostgresDsnException(PROPERTY, this.redacted, reason);
	}

	private static @Nullable String scheme(String text) {
		return SCHEMES.stream().filter(text::startsWith).findFirst().orElse(null);
	}

	private static int indexOfAny(String text, String characters, int from) {
		for (int i = from; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return text.length();
	}

	private static String maskNonNumericPorts(String rest) {
		int authorityEnd = indexOfAny(rest, "/?", 0);
		List<String> items = new ArrayList<>();
		for (String item : rest.substring(0, authorityEnd).split(",", -1)) {
			int colon = item.startsWith("[") ? item.indexOf(':', Math.max(0, item.indexOf(']'))) : item.indexOf(':');
			boolean numeric = colon < 0 || item.substring(colon + 1).matches("\\d*");
			items.add(numeric ? item : item.substring(0, colon) + ":****");
		}
		return String.join(",", items) + rest.substring(authorityEnd);
	}

}
