package dev.workflow.storage.health;

import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.WorkflowStorage;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether workflow storage answers, with what the storage says of itself
 * ({@link WorkflowStorage#health()}): its backend, on a database the pyworkflow schema version,
 * on Citus also the Citus version, the active workers and whether every table is distributed.
 *
 * @since 0.1.0
 */
public class WorkflowStorageHealthIndicator extends AbstractHealthIndicator {

	private final WorkflowStorage storage;

	/**
	 * An indicator.
	 * @param storage the storage
	 */
	public WorkflowStorageHealthIndicator(WorkflowStorage storage) {
		super("Workflow storage health check failed");
		this.storage = storage;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", this.storage.backend());
		StorageHealth health = this.storage.health();
		(health.up() ? builder.up() : builder.down()).withDetail("reachable", true).withDetails(health.details());
	}

}
