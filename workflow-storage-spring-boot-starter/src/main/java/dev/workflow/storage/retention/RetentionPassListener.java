package dev.workflow.storage.retention;

import java.time.Duration;

import dev.workflow.storage.model.RetentionPass;

/**
 * Told of every retention pass that ran, such as to record meters.
 *
 * @since 0.3.0
 */
@FunctionalInterface
public interface RetentionPassListener {

	/**
	 * A pass ended.
	 * @param pass what it deleted
	 * @param duration how long it took
	 */
	void passed(RetentionPass pass, Duration duration);

}
