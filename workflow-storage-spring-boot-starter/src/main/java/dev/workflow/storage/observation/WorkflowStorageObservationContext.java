package dev.workflow.storage.observation;

import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorage;
import io.micrometer.observation.Observation;

/**
 * The {@link Observation.Context} of one {@link WorkflowStorage} operation.
 *
 * @since 0.2.0
 */
public class WorkflowStorageObservationContext extends Observation.Context {

	private final Operation operation;

	private final String backend;

	/**
	 * A context for one call of an operation.
	 * @param operation the operation called
	 * @param backend the storage's {@link WorkflowStorage#backend() backend}
	 */
	public WorkflowStorageObservationContext(Operation operation, String backend) {
		this.operation = operation;
		this.backend = backend;
	}

	public Operation getOperation() {
		return this.operation;
	}

	public String getBackend() {
		return this.backend;
	}

}
