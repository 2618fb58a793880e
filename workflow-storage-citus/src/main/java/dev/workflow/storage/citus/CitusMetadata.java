package dev.workflow.storage.citus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what a Citus coordinator knows about itself, with cheap queries of its local metadata
 * (never {@code citus_tables}, which contacts every worker).
 *
 * @since 0.1.0
 */
public final class CitusMetadata {

	/**
	 * The tables of the Citus changelog that must be distributed, with their reference table.
	 */
	public static final List<String> TABLES = List.of("schema_versions", "workflow_runs", "events", "steps", "hooks",
			"cancellation_flags", "schedules", "workflow_idempotency_keys", "hook_tokens", "checkpoints", "streams",
			"signals", "stream_subscriptions", "scheduled_signals", "signal_acknowledgments");

	private static final String UNDEFINED_FUNCTION = "42883";

	private static final String VERSION = "SELECT citus_version()";

	private static final String ACTIVE_WORKER_COUNT = "SELECT COUNT(*) FROM citus_get_active_worker_nodes()";

	private static final String UNDISTRIBUTED_TABLES = """
			SELECT t.name FROM unnest(?::text[]) AS t(name)
			WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = to_regclass(t.name))""";

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	public CitusMetadata(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The Citus version, or an exception saying Citus is missing.
	 * @return the version text
	 * @throws CitusNotAvailableException on a server without Citus
	 */
	public String requireVersion() {
		try {
			return this.jdbc.sql(VERSION).query(String.class).single();
		}
		catch (DataAccessException ex) {
			if (ex.getMostSpecificCause() instanceof SQLException sql && UNDEFINED_FUNCTION.equals(sql.getSQLState())) {
				throw new CitusNotAvailableException(describeDatabase(), ex);
			}
			throw ex;
		}
	}

	/**
	 * How many workers the coordinator lists as active (from metadata: not a liveness check).
	 * @return the count
	 */
	public int activeWorkerCount() {
		return this.jdbc.sql(ACTIVE_WORKER_COUNT).query(Integer.class).single();
	}

	/**
	 * Which of {@link #TABLES} are not distributed (nor reference tables) yet.
	 * @return the table names
	 */
	public List<String> undistributedTables() {
		return this.jdbc.sql(UNDISTRIBUTED_TABLES)
			.param(TABLES.toArray(new String[0]))
			.query(String.class)
			.list();
	}

	// The JDBC URL up to its query string: host, port and database, never a password parameter.
	private String describeDatabase() {
		try (Connection connection = this.dataSource.getConnection()) {
			String url = connection.getMetaData().getURL();
			int query = url.indexOf('?');
			return (query >= 0) ? url.substring(0, query) : url;
		}
		catch (SQLException ex) {
			return "(unknown)";
		}
	}

}
