package dev.workflow.storage;

/**
 * Thrown when an operation needs a run, step, hook or schedule that does not exist.
 *
 * @since 0.1.0
 */
public class NotFoundException extends WorkflowStorageException {

	private final String kind;

	private final String id;

	public NotFoundException(Operation operation, String kind, String id) {
		super(operation, kind + " " + quote(id) + " not found", null);
		this.kind = kind;
		this.id = id;
	}

	/**
	 * What was missing: {@code run}, {@code step}, {@code hook} or {@code schedule}.
	 * @return the kind
	 */
	public String getKind() {
		return this.kind;
	}

	/**
	 * The id that was not found.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

}
