package dev.workflow.storage;

/**
 * Thrown when a run is created with an idempotency key that another run already has; names
 * that run, so the caller can return it instead.
 *
 * @since 0.1.0
 */
public class DuplicateIdempotencyKeyException extends WorkflowStorageException {

	private final String idempotencyKey;

	private final String existingRunId;

	public DuplicateIdempotencyKeyException(Operation operation, String idempotencyKey, String existingRunId) {
		super(operation, "idempotency key " + quote(idempotencyKey) + " already belongs to run " + quote(existingRunId),
				null);
		this.idempotencyKey = idempotencyKey;
		this.existingRunId = existingRunId;
	}

	/**
	 * The idempotency key both runs carry.
	 * @return the key
	 */
	public String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * The id of the run that already holds the key.
	 * @return the existing run's id
	 */
	public String getExistingRunId() {
		return this.existingRunId;
	}

}
