package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Names the sessions that hold a migration's advisory lock, for the message of a migration that
 * gave up waiting for it: what an operator needs to find the other process, and nothing more (no
 * query text, which may hold values).
 */
final class MigrationLockHolder {

	// A bigint advisory key is kept as its high and low 32 bits, with objsubid 1.
	private static final String HOLDERS = """
			SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
				AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
				AND l.classid::bigint = ? AND l.objid::bigint = ?
			ORDER BY a.pid""";

	private MigrationLockHolder() {
	}

	/**
	 * The sessions holding the lock, described.
	 * @param connection a connection to the database
	 * @param key the advisory lock's key
	 * @return such as {@code pid 42 (application_name 'workflow-storage', client 10.0.0.5,
	 * connected since 2026-01-01 10:00:00+00, state 'idle in transaction'; SELECT
	 * pg_terminate_backend(42) ends it)}
	 */
	static String describe(Connection connection, long key) {
		List<String> holders = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
			statement.setLong(1, key >>> 32);
			statement.setLong(2, key & 0xFFFF_FFFFL);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					int pid = rs.getInt(1);
					holders.add("pid " + pid + " (application_name '" + orUnknown(rs.getString(2)) + "', client "
							+ orUnknown(rs.getString(3)) + ", connected since " + orUnknown(rs.getString(4))
							+ ", state '" + orUnknown(rs.getString(5)) + "'; SELECT pg_terminate_backend(" + pid
							+ ") ends it)");
				}
			}
		}
		catch (SQLException ex) {
			return "a session that could not be named (" + ex.getMessage() + ")";
		}
		// The holder may have let go between the last attempt and this query.
		return holders.isEmpty() ? "a session that has released it since" : String.join(" and ", holders);
	}

	// A role without pg_read_all_stats sees other roles' sessions without these columns; a local
	// socket has no client address.
	private static String orUnknown(@Nullable String value) {
		return (value != null) ? value : "unknown";
	}

}
