package dev.workflow.storage.health;

import java.util.List;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reports whether workflow storage answers, and on PostgreSQL and Citus which pyworkflow schema
 * version it has; on Citus also the Citus version, the active workers and whether every table is
 * distributed. Every query reads local metadata, so the check stays cheap.
 *
 * @since 0.1.0
 */
public class WorkflowStorageHealthIndicator extends AbstractHealthIndicator {

	private final WorkflowStorage storage;

	private final String backend;

	private final @Nullable DataSource dataSource;

	/**
	 * An indicator.
	 * @param storage the storage
	 * @param backend the backend's name: {@code memory}, {@code postgres} or {@code citus}
	 * @param dataSource the storage's data source, or {@code null} for memory
	 */
	public WorkflowStorageHealthIndicator(WorkflowStorage storage, String backend, @Nullable DataSource dataSource) {
		super("Workflow storage health check failed");
		this.storage = storage;
		this.backend = backend;
		this.dataSource = dataSource;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", this.backend);
		this.storage.checkHealth();
		builder.up().withDetail("reachable", true);
		if (this.dataSource != null) {
			JdbcClient jdbc = JdbcClient.create(this.dataSource);
			builder.withDetail("schemaVersion",
					jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM schema_versions").query(Integer.class).single());
			if (this.backend.equals("citus")) {
				CitusMetadata citus = new CitusMetadata(this.dataSource);
				List<String> undistributed = citus.undistributedTables();
				builder.withDetail("citusVersion", citus.requireVersion())
					.withDetail("activeWorkers", citus.activeWorkerCount())
					.withDetail("allTablesDistributed", undistributed.isEmpty());
				if (!undistributed.isEmpty()) {
					builder.down().withDetail("undistributedTables", undistributed);
				}
			}
		}
	}

}
