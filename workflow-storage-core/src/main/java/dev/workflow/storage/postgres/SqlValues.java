package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.workflow.storage.WorkflowStorage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Binds and reads the values of our columns. Every nullable value is bound with its SQL type,
 * so the driver never asks the server for parameter types (a hidden round trip); instants are
 * bound as UTC {@code TIMESTAMPTZ}.
 *
 * <p>
 * {@code TIMESTAMPTZ} also holds {@code infinity} and {@code -infinity} (asyncpg gives pyworkflow
 * {@code datetime.max} and {@code min} for them, and writes those back so): they read as
 * {@link #INFINITY} and {@link #NEGATIVE_INFINITY} and are written back as they were.
 *
 * @since 0.1.0
 */
final class SqlValues {

	/**
	 * What {@code infinity} reads as: {@link Instant#MAX} to the microsecond, as the model keeps
	 * every instant.
	 */
	static final Instant INFINITY = WorkflowStorage.INFINITY;

	/**
	 * What {@code -infinity} reads as: {@link Instant#MIN}.
	 */
	static final Instant NEGATIVE_INFINITY = WorkflowStorage.NEGATIVE_INFINITY;

	private SqlValues() {
	}

	static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	static SqlParameterValue timestamp(@Nullable Instant value) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, (value != null) ? offsetDateTime(value) : null);
	}

	// The driver sends OffsetDateTime.MAX and MIN as infinity and -infinity.
	private static OffsetDateTime offsetDateTime(Instant value) {
		if (!value.isBefore(INFINITY)) {
			return OffsetDateTime.MAX;
		}
		if (!value.isAfter(NEGATIVE_INFINITY)) {
			return OffsetDateTime.MIN;
		}
		return value.atOffset(ZoneOffset.UTC);
	}

	static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		return instant(rs.getObject(column, OffsetDateTime.class));
	}

	// The driver reads infinity and -infinity as OffsetDateTime.MAX and MIN.
	static @Nullable Instant instant(@Nullable OffsetDateTime value) {
		if (value == null) {
			return null;
		}
		if (value.equals(OffsetDateTime.MAX)) {
			return INFINITY;
		}
		return value.equals(OffsetDateTime.MIN) ? NEGATIVE_INFINITY : value.toInstant();
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
