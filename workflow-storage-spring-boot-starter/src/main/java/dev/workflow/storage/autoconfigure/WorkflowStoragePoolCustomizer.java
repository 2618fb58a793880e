package dev.workflow.storage.autoconfigure;

import com.zaxxer.hikari.HikariConfig;

/**
 * Changes the configuration of the pool the starter builds for workflow storage (named
 * {@code pyworkflow}) before the pool starts. Customizers run in their
 * {@link org.springframework.core.Ordered order}, after {@code pyworkflow.postgres.*} and
 * {@code pyworkflow.postgres.hikari.*} have been applied, so they see and may replace both.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WorkflowStoragePoolCustomizer {

	/**
	 * Customizes the pool's configuration.
	 * @param config the configuration, not yet used by a pool
	 */
	void customize(HikariConfig config);

}
