package dev.workflow.storage.postgres;

import java.util.Map;

import dev.workflow.storage.UndecodableRowException;
import dev.workflow.storage.store.Rejection;
import org.jspecify.annotations.Nullable;

/**
 * A column of a row that a row mapper cannot decode. It does not know the operation: the storage
 * turns it into the public {@link UndecodableRowException} naming it, and listings skip the row
 * ({@link UndecodableRows}).
 */
final class UndecodableColumnException extends Rejection {

	/**
	 * @param cause the decoder's failure, whose message says what the value must be
	 */
	UndecodableColumnException(String table, Map<String, String> rowKey, String column, @Nullable String value,
			IllegalArgumentException cause) {
		super(String.valueOf(cause.getMessage()), cause, (operation) -> new UndecodableRowException(operation, table,
				rowKey, column, value, String.valueOf(cause.getMessage()), cause));
	}

}
