package dev.workflow.storage.postgres;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the workflow storage schema cannot be migrated or validated.
 *
 * @since 0.1.0
 */
public class SchemaMigrationException extends RuntimeException {

	private final String changelog;

	public SchemaMigrationException(String changelog, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.changelog = changelog;
	}

	/**
	 * The changelog that was being applied.
	 * @return its classpath location
	 */
	public String getChangelog() {
		return this.changelog;
	}

}
