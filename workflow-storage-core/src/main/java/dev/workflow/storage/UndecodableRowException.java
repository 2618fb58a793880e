package dev.workflow.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a row that another client (a pyworkflow worker, an operator's SQL) wrote holds a
 * value this library cannot decode: a status it does not know, a schedule spec or running-run
 * list that is not the JSON pyworkflow writes. Names the table, the row's key, the column and
 * the value. The row is left as it is: no operation writes a default over a value it could not
 * read. Single reads throw it; listings skip the row instead, logging it (see the README).
 *
 * @since 0.2.0
 */
public class UndecodableRowException extends WorkflowStorageException {

	private final String table;

	private final Map<String, String> rowKey;

	private final String column;

	private final @Nullable String value;

	/**
	 * An exception for one column of one row.
	 * @param operation the operation that read the row
	 * @param table the table, such as {@code schedules}
	 * @param rowKey the row's key columns and their values, in key order
	 * @param column the column that cannot be decoded
	 * @param value the column's value as stored
	 * @param problem what the value must be, to follow the value, such as
	 * {@code must be a JSON array of strings}
	 * @param cause the decoding failure
	 */
	public UndecodableRowException(Operation operation, String table, Map<String, String> rowKey, String column,
			@Nullable String value, String problem, @Nullable Throwable cause) {
		super(operation, "cannot read " + table + " row " + describe(rowKey) + ": " + column + " " + quote(value)
				+ " " + problem, cause);
		this.table = table;
		this.rowKey = Collections.unmodifiableMap(new LinkedHashMap<>(rowKey));
		this.column = column;
		this.value = value;
	}

	private static String describe(Map<String, String> rowKey) {
		return rowKey.entrySet()
			.stream()
			.map((key) -> key.getKey() + " " + quote(key.getValue()))
			.collect(Collectors.joining(", "));
	}

	/**
	 * The table of the row.
	 * @return the table, such as {@code workflow_runs}
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * The row's key: its key columns and their values, in key order, such as {@code run_id} and
	 * {@code hook_id} for a hook.
	 * @return the key
	 */
	public Map<String, String> getRowKey() {
		return this.rowKey;
	}

	/**
	 * The column whose value cannot be decoded.
	 * @return the column, such as {@code status}
	 */
	public String getColumn() {
		return this.column;
	}

	/**
	 * The column's value as stored.
	 * @return the value, or {@code null} for SQL NULL
	 */
	public @Nullable String getValue() {
		return this.value;
	}

}
