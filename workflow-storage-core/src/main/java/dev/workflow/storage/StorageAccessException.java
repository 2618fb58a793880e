package dev.workflow.storage;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the store cannot be reached or fails; the cause is the driver's error, if there
 * is one.
 *
 * @since 0.1.0
 */
public class StorageAccessException extends WorkflowStorageException {

	public StorageAccessException(Operation operation, String message, @Nullable Throwable cause) {
		super(operation, message, cause);
	}

	/**
	 * A failure that no driver error caused, such as an update that kept losing to other
	 * clients.
	 * @param operation the operation
	 * @param message what failed
	 * @since 0.2.0
	 */
	public StorageAccessException(Operation operation, String message) {
		super(operation, message, null);
	}

}
