package dev.workflow.storage;

/**
 * Thrown when a run, event, step, hook or schedule is created with an id (or a hook with a
 * token) that is already taken.
 *
 * @since 0.1.0
 */
public class DuplicateIdException extends WorkflowStorageException {

	private final String kind;

	private final String id;

	public DuplicateIdException(Operation operation, String kind, String id) {
		super(operation, kind + " " + quote(id) + " already exists", null);
		this.kind = kind;
		this.id = id;
	}

	/**
	 * What was duplicated, such as {@code run} or {@code hook token}.
	 * @return the kind
	 */
	public String getKind() {
		return this.kind;
	}

	/**
	 * The id that is already taken.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

}
