package dev.workflow.storage.autoconfigure;

/**
 * Where workflow data is stored; the values of {@code pyworkflow.storage.type}, as pyworkflow
 * names them.
 *
 * @since 0.1.0
 */
public enum StorageType {

	/**
	 * In memory, lost when the application stops.
	 */
	MEMORY,

	/**
	 * PostgreSQL, configured by {@code pyworkflow.postgres.*}.
	 */
	POSTGRES,

	/**
	 * Citus (distributed PostgreSQL), configured by {@code pyworkflow.postgres.*}.
	 */
	CITUS;

	/**
	 * Checks that the application is configured for this type, the one its storage beans were
	 * chosen for. Only an application processed ahead of time (AOT, native image) can differ: its
	 * conditions were evaluated at build time, so a type changed at run time would be ignored and,
	 * from {@code postgres} to {@code memory} or back, keep data where nobody looks for it.
	 * @param properties the properties bound at run time
	 * @throws StorageTypeNotAvailableException if another type is configured
	 */
	void requireConfigured(WorkflowStorageProperties properties) {
		StorageType configured = properties.getStorage().getType();
		if (configured != this) {
			throw StorageTypeNotAvailableException.builtAheadOfTimeFor(this, configured);
		}
	}

}
