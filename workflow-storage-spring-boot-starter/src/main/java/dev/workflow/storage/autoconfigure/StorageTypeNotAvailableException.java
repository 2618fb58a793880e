package dev.workflow.storage.autoconfigure;

import java.util.Locale;

/**
 * Thrown at startup when the application cannot store workflows where
 * {@code pyworkflow.storage.type} says: the Citus module is missing, or the application was built
 * ahead of time (AOT, native image) for another type.
 *
 * @since 0.1.0
 */
public class StorageTypeNotAvailableException extends IllegalStateException {

	private final StorageType configuredType;

	private final String action;

	private StorageTypeNotAvailableException(StorageType configuredType, String message, String action) {
		super(message);
		this.configuredType = configuredType;
		this.action = action;
	}

	static StorageTypeNotAvailableException citusModuleMissing() {
		return new StorageTypeNotAvailableException(StorageType.CITUS,
				"pyworkflow.storage.type=citus needs the Citus module on the classpath",
				"Add the dependency dev.workflow:workflow-storage-citus (its version comes from "
						+ "dev.workflow:workflow-storage-bom), or set pyworkflow.storage.type=postgres for a PostgreSQL "
						+ "server without Citus.");
	}

	static StorageTypeNotAvailableException builtAheadOfTimeFor(StorageType built, StorageType configured) {
		return new StorageTypeNotAvailableException(configured,
				"pyworkflow.storage.type is '" + name(configured) + "' but this application was built ahead of time for '"
						+ name(built) + "' (AOT evaluates the starter's conditions at build time)",
				"Build the application with pyworkflow.storage.type=" + name(configured) + " (for example in "
						+ "application.properties), or run it with pyworkflow.storage.type=" + name(built) + ".");
	}

	private static String name(StorageType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The type the application is configured for.
	 * @return the type
	 */
	public StorageType getConfiguredType() {
		return this.configuredType;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
