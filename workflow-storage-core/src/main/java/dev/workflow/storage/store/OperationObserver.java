package dev.workflow.storage.store;

import java.util.function.Supplier;

import dev.workflow.storage.Operation;

/**
 * Surrounds every operation of a {@link ValidatingWorkflowStorage}, its argument checks included:
 * the hook for timing and tracing, so that a backend stays its own type when it is observed.
 * The health probes and {@code backend()} are not operations it sees.
 *
 * @since 0.2.0
 * @see ValidatingWorkflowStorage#setOperationObserver(OperationObserver)
 */
public interface OperationObserver {

	/**
	 * Observes nothing: runs each operation as it is.
	 */
	OperationObserver NONE = new OperationObserver() {

		@Override
		public <T> T observe(Operation operation, String backend, Supplier<T> call) {
			return call.get();
		}

	};

	/**
	 * Runs one call of an operation, and returns its result or throws what it threw.
	 * @param <T> the result type
	 * @param operation the operation called
	 * @param backend the storage's {@link dev.workflow.storage.WorkflowStorage#backend() backend}
	 * @param call the call
	 * @return the call's result
	 */
	<T> T observe(Operation operation, String backend, Supplier<T> call);

}
