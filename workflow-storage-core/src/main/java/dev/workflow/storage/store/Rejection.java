package dev.workflow.storage.store;

import java.util.function.Function;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorageException;
import org.jspecify.annotations.Nullable;

/**
 * A store's refusal, which does not know the operation that asked: {@link ValidatingWorkflowStorage}
 * turns it into the public exception naming the operation. One store method serves several
 * operations ({@code getRun}, {@code getParent} and {@code getRunContext} all find a run), so
 * only the caller can name it.
 *
 * @since 0.2.0
 */
public class Rejection extends RuntimeException {

	private final Function<Operation, WorkflowStorageException> exception;

	/**
	 * A rejection.
	 * @param message what was refused, for a log that sees the rejection itself
	 * @param cause the store's own failure, if any
	 * @param exception the public exception, given the operation
	 */
	protected Rejection(String message, @Nullable Throwable cause,
			Function<Operation, WorkflowStorageException> exception) {
		// No stack trace of its own: the public exception has the caller's.
		super(message, cause, false, false);
		this.exception = exception;
	}

	/**
	 * An id (or token) that is taken.
	 * @param kind what it identifies, such as {@code run} or {@code hook token}
	 * @param id the id
	 * @return the rejection of a {@link DuplicateIdException}
	 */
	public static Rejection duplicateId(String kind, String id) {
		return new Rejection(kind + " already exists", null, (operation) -> new DuplicateIdException(operation, kind, id));
	}

	/**
	 * An idempotency key another run holds.
	 * @param idempotencyKey the key
	 * @param existingRunId the run holding it
	 * @return the rejection of a {@link DuplicateIdempotencyKeyException}
	 */
	public static Rejection duplicateIdempotencyKey(String idempotencyKey, String existingRunId) {
		return new Rejection("idempotency key taken", null,
				(operation) -> new DuplicateIdempotencyKeyException(operation, idempotencyKey, existingRunId));
	}

	/**
	 * Something the operation needs that does not exist.
	 * @param kind what it is, such as {@code run} or {@code parent run}
	 * @param id its id
	 * @return the rejection of a {@link NotFoundException}
	 */
	public static Rejection notFound(String kind, String id) {
		return new Rejection(kind + " not found", null, (operation) -> new NotFoundException(operation, kind, id));
	}

	/**
	 * An argument that only the store can tell is invalid, such as an unknown cursor.
	 * @param message what is wrong
	 * @return the rejection of an {@link InvalidInputException}
	 */
	public static Rejection invalidInput(String message) {
		return new Rejection(message, null, (operation) -> new InvalidInputException(operation, message));
	}

	/**
	 * A change the store gave up on, such as an update that kept losing to other clients.
	 * @param message what failed
	 * @param cause the last failure, if any
	 * @return the rejection of a {@link StorageAccessException}
	 */
	public static Rejection gaveUp(String message, @Nullable Throwable cause) {
		return new Rejection(message, cause, (operation) -> new StorageAccessException(operation, message, cause));
	}

	/**
	 * The public exception for the operation that met this refusal.
	 * @param operation the operation
	 * @return the exception to throw
	 */
	public WorkflowStorageException in(Operation operation) {
		return this.exception.apply(operation);
	}

}
