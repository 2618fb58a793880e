package dev.workflow.storage.autoconfigure;

/**
 * What happens to the workflow storage schema at startup; the values of
 * {@code pyworkflow.storage.schema}.
 *
 * @since 0.1.0
 */
public enum SchemaMode {

	/**
	 * Create or adopt the tables and apply every pending change.
	 */
	MIGRATE,

	/**
	 * Change nothing, but fail at startup if a change is pending.
	 */
	VALIDATE,

	/**
	 * Leave the schema alone.
	 */
	NONE

}
