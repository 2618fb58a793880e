package dev.workflow.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link WorkflowStorage#health()} found: whether the store is usable, and details for a
 * health endpoint.
 *
 * @param up whether the store is usable
 * @param details what was found; never a secret
 * @since 0.2.0
 */
public record StorageHealth(boolean up, Map<String, Object> details) {

	public StorageHealth {
		details = Map.copyOf(details);
	}

	/**
	 * A usable store.
	 * @param details what was found
	 * @return the health
	 */
	public static StorageHealth up(Map<String, Object> details) {
		return new StorageHealth(true, details);
	}

	/**
	 * This health and another's: usable if both are, with both's details.
	 * @param other the other health
	 * @return the combination
	 */
	public StorageHealth and(StorageHealth other) {
		Map<String, Object> combined = new LinkedHashMap<>(this.details);
		combined.putAll(other.details);
		return new StorageHealth(this.up && other.up, combined);
	}

}
