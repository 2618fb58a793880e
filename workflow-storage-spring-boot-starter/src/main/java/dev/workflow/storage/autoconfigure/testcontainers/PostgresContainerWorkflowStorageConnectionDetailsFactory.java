package dev.workflow.storage.autoconfigure.testcontainers;

import dev.workflow.storage.autoconfigure.WorkflowStorageConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Turns a PostgreSQL (or {@code citusdata/citus}) container marked {@code @ServiceConnection}
 * into {@link WorkflowStorageConnectionDetails}, so a test's container is where workflow storage
 * connects. Use {@code @ServiceConnection(type = WorkflowStorageConnectionDetails.class)} to keep
 * the container from also becoming the application's own {@code DataSource}.
 *
 * @since 0.1.0
 */
class PostgresContainerWorkflowStorageConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<PostgreSQLContainer, WorkflowStorageConnectionDetails> {

	PostgresContainerWorkflowStorageConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.postgresql.PostgreSQLContainer");
	}

	@Override
	protected WorkflowStorageConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<PostgreSQLContainer> source) {
		return new ContainerDetails(source);
	}

	static final class ContainerDetails extends ContainerConnectionDetails<PostgreSQLContainer>
			implements WorkflowStorageConnectionDetails {

		ContainerDetails(ContainerConnectionSource<PostgreSQLContainer> source) {
			super(source);
		}

		@Override
		public String getJdbcUrl() {
			return getContainer().getJdbcUrl();
		}

		@Override
		public String getUsername() {
			return getContainer().getUsername();
		}

		@Override
		public String getPassword() {
			return getContainer().getPassword();
		}

	}

}
