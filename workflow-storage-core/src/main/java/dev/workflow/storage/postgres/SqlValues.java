package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Binds and reads the values of our columns. Every nullable value is bound with its SQL type,
 * so the driver never asks the server for parameter types (a hidden round trip); instants are
 * bound as UTC {@code TIMESTAMPTZ}.
 *
 * @since 0.1.0
 */
final class SqlValues {

	private SqlValues() {
	}

	static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	static SqlParameterValue timestamp(@Nullable Instant value) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				(value != null) ? value.atOffset(ZoneOffset.UTC) : null);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static int intOr(ResultSet rs, String column, int fallback) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? fallback : value;
	}

	static boolean booleanOr(ResultSet rs, String column, boolean fallback) throws SQLException {
		boolean value = rs.getBoolean(column);
		return rs.wasNull() ? fallback : value;
	}

	static String textOr(ResultSet rs, String column, String fallback) throws SQLException {
		String value = rs.getString(column);
		return (value != null) ? value : fallback;
	}

	/**
	 * Escapes a substring for {@code LIKE ... ESCAPE '\'}, so {@code %} and {@code _} match
	 * themselves.
	 * @param text the substring
	 * @return the pattern matching any text that contains it
	 */
	static String containsPattern(String text) {
		return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
