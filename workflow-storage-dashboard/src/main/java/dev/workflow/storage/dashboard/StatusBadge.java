package dev.workflow.storage.dashboard;

import dev.workflow.storage.model.StoredValue;

/**
 * A status as a badge shows it: the stored value (for tests and styles) and a label.
 *
 * @param value the stored value, such as {@code continued_as_new}
 * @param label the text shown, such as {@code continued as new}
 */
record StatusBadge(String value, String label) {

	static StatusBadge of(StoredValue status) {
		return of(status.value());
	}

	static StatusBadge of(String value) {
		return new StatusBadge(value, value.replace('_', ' '));
	}

	/**
	 * The badge's CSS classes.
	 * @return the classes
	 */
	public String css() {
		return "badge status-" + this.value.replaceAll("[^a-z0-9_-]", "");
	}

}
