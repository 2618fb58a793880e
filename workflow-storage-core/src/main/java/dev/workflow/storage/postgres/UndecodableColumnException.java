package dev.workflow.storage.postgres;

import java.util.Map;

import dev.workflow.storage.UndecodableRowException;
import org.jspecify.annotations.Nullable;

/**
 * A column of a row that a row mapper cannot decode. It does not know the operation: the storage
 * turns it into the public {@link UndecodableRowException} naming it, and listings skip the row
 * ({@link UndecodableRows}).
 */
final class UndecodableColumnException extends RuntimeException {

	private final String table;

	private final Map<String, String> rowKey;

	private final String column;

	private final @Nullable String value;

	/**
	 * @param cause the decoder's failure, whose message says what the value must be
	 */
	UndecodableColumnException(String table, Map<String, String> rowKey, String column, @Nullable String value,
			IllegalArgumentException cause) {
		// No stack trace of its own: the public exception, with the decoder's failure as its cause,
		// is what callers see.
		super(cause.getMessage(), cause, false, false);
		this.table = table;
		this.rowKey = rowKey;
		this.column = column;
		this.value = value;
	}

	UndecodableRowException in(String operation) {
		return new UndecodableRowException(operation, this.table, this.rowKey, this.column, this.value,
				String.valueOf(getMessage()), getCause());
	}

}
