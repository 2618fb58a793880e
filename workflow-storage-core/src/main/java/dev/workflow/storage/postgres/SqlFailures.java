package dev.workflow.storage.postgres;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessException;

/**
 * Reads which constraint a failed write broke, to turn it into our typed exceptions.
 *
 * <p>
 * Citus reports the constraint of the shard that failed, with the shard id appended
 * ({@code events_pkey_102008}), so a name matches with or without that suffix.
 *
 * @since 0.1.0
 */
public final class SqlFailures {

	/**
	 * SQLSTATE of a unique violation.
	 */
	public static final String UNIQUE_VIOLATION = "23505";

	/**
	 * SQLSTATE of a foreign key violation.
	 */
	public static final String FOREIGN_KEY_VIOLATION = "23503";

	/**
	 * SQLSTATE class of data exceptions, such as text that a cast to {@code jsonb} refuses.
	 */
	public static final String DATA_EXCEPTION = "22";

	private static final Pattern SHARD_SUFFIX = Pattern.compile("_\\d+$");

	private static final Pattern CONSTRAINT_IN_MESSAGE = Pattern.compile("constraint \"([^\"]+)\"");

	private SqlFailures() {
	}

	/**
	 * Whether {@code ex} is a violation of the given kind of one of the named constraints.
	 * @param ex the failure
	 * @param sqlState the SQLSTATE of the violation
	 * @param constraints the constraint or index names
	 * @return {@code true} if one of them was violated
	 */
	public static boolean violates(DataAccessException ex, String sqlState, String... constraints) {
		PSQLException cause = psqlException(ex);
		if (cause == null || !sqlState.equals(cause.getSQLState())) {
			return false;
		}
		String violated = constraint(cause);
		if (violated == null) {
			return false;
		}
		for (String constraint : constraints) {
			if (violated.equals(constraint) || SHARD_SUFFIX.matcher(violated).replaceFirst("").equals(constraint)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code ex} is a violation of the given kind, whatever the constraint.
	 * @param ex the failure
	 * @param sqlState the SQLSTATE of the violation
	 * @return {@code true} if so
	 */
	public static boolean violates(DataAccessException ex, String sqlState) {
		PSQLException cause = psqlException(ex);
		return cause != null && sqlState.equals(cause.getSQLState());
	}

	/**
	 * Whether {@code ex} is a failure of the given SQLSTATE class.
	 * @param ex the failure
	 * @param sqlStateClass the class: the first two characters of a SQLSTATE
	 * @return {@code true} if so
	 */
	public static boolean inClass(DataAccessException ex, String sqlStateClass) {
		PSQLException cause = psqlException(ex);
		return cause != null && cause.getSQLState() != null && cause.getSQLState().startsWith(sqlStateClass);
	}

	// Citus relays a worker's error with the constraint named only in the message text.
	private static @Nullable String constraint(PSQLException ex) {
		ServerErrorMessage message = ex.getServerErrorMessage();
		if (message == null) {
			return null;
		}
		if (message.getConstraint() != null) {
			return message.getConstraint();
		}
		Matcher named = CONSTRAINT_IN_MESSAGE.matcher(String.valueOf(message.getMessage()));
		return named.find() ? named.group(1) : null;
	}

	private static @Nullable PSQLException psqlException(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				return psql;
			}
			if (cause instanceof SQLException sql && sql.getNextException() instanceof PSQLException next) {
				return next;
			}
		}
		return null;
	}

}
