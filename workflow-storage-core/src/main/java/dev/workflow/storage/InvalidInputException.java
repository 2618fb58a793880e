package dev.workflow.storage;

/**
 * Thrown before anything is written when an argument is invalid: a blank id, text with a NUL
 * character or an unpaired surrogate, JSON that is not an object where one is required, a limit
 * out of range, an unknown cursor, or a value beyond what the database keeps (an id longer than
 * {@value WorkflowStorage#MAX_ID_BYTES} UTF-8 bytes, an instant outside years 1 to 9999, JSON
 * nested deeper than {@value WorkflowStorage#MAX_JSON_DEPTH} levels).
 *
 * @since 0.1.0
 */
public class InvalidInputException extends WorkflowStorageException {

	public InvalidInputException(Operation operation, String message) {
		super(operation, message, null);
	}

}
