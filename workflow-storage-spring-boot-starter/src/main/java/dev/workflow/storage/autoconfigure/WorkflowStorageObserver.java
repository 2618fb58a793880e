package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.WorkflowStorage;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Wraps the starter's storage for observation, when observations are on.
 *
 * <p>
 * Its signature names no Micrometer type, so the configuration classes that take it load
 * without Micrometer on the classpath.
 */
@FunctionalInterface
interface WorkflowStorageObserver {

	WorkflowStorage observe(WorkflowStorage storage);

	/**
	 * The storage, observed if an observer is defined.
	 * @param storage the storage
	 * @param observer the observer, if observations are on
	 * @return the storage to expose as the bean
	 */
	static WorkflowStorage apply(WorkflowStorage storage, ObjectProvider<WorkflowStorageObserver> observer) {
		WorkflowStorageObserver available = observer.getIfAvailable();
		return (available != null) ? available.observe(storage) : storage;
	}

}
