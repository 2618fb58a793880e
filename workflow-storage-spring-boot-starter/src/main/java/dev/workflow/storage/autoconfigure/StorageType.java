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
	CITUS

}
