package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.workflow.storage.model.StoredValue;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the columns of one table whose text the model parses: statuses, the schedule spec,
 * running run ids. A value that cannot be decoded fails with an
 * {@link UndecodableColumnException} naming the table, the row's key and the column, never with
 * a default, which an update would then write back over the value.
 */
final class ColumnDecoder {

	private final String table;

	private final List<String> keyColumns;

	/**
	 * @param table the table
	 * @param keyColumns the columns that name a row, in key order
	 */
	ColumnDecoder(String table, String... keyColumns) {
		this.table = table;
		this.keyColumns = List.of(keyColumns);
	}

	/**
	 * Decodes the stored text of an enum, such as a status.
	 */
	<E extends Enum<E> & StoredValue> E storedValue(ResultSet rs, String column, Class<E> type) throws SQLException {
		return decode(rs, column, (value) -> StoredValue.find(type, value)
			.orElseThrow(() -> new IllegalArgumentException("must be one of " + StoredValue.values(type))));
	}

	/**
	 * Decodes a column's text.
	 * @param decoder reads the text, which may be {@code null}; throws an
	 * {@link IllegalArgumentException} saying what the text must be when it cannot
	 */
	<T> T decode(ResultSet rs, String column, Function<@Nullable String, T> decoder) throws SQLException {
		String value = rs.getString(column);
		try {
			return decoder.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new UndecodableColumnException(this.table, key(rs), column, value, ex);
		}
	}

	private Map<String, String> key(ResultSet rs) throws SQLException {
		Map<String, String> key = new LinkedHashMap<>();
		for (String column : this.keyColumns) {
			key.put(column, rs.getString(column));
		}
		return key;
	}

}
