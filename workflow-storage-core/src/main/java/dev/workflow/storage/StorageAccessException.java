package dev.workflow.storage;

/**
 * Thrown when the store cannot be reached or fails; the cause is the driver's error.
 *
 * @since 0.1.0
 */
public class StorageAccessException extends WorkflowStorageException {

	public StorageAccessException(String operation, String message, Throwable cause) {
		super(operation, message, cause);
	}

}
