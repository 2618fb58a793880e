package dev.workflow.storage.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the dedicated workflow storage pool connects: from {@code pyworkflow.postgres.*} by
 * default, or from a Testcontainers container marked {@code @ServiceConnection} or a Docker Compose
 * service of the image {@code postgres} or {@code citusdata/citus}.
 *
 * @since 0.1.0
 */
public interface WorkflowStorageConnectionDetails extends ConnectionDetails {

	/**
	 * The JDBC URL, without credentials.
	 * @return the URL
	 */
	String getJdbcUrl();

	String getUsername();

	String getPassword();

}
