package dev.workflow.storage;

/**
 * Thrown before anything is written when an argument is invalid: a blank id, text with a NUL
 * character, JSON that is not an object where one is required, a limit out of range, an unknown
 * cursor.
 *
 * @since 0.1.0
 */
public class InvalidInputException extends WorkflowStorageException {

	public InvalidInputException(String operation, String message) {
		super(operation, message, null);
	}

}
