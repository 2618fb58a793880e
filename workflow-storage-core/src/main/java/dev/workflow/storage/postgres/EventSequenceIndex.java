package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves {@code events} with one index on {@code (run_id, sequence)}: unique, and named
 * {@value #NAME}, the name of pyworkflow's own non-unique index.
 *
 * <p>
 * pyworkflow's startup runs {@code CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence}, which
 * checks the name only: under that name the unique index satisfies it, and every append pays for
 * one index instead of two. The unique index is built {@code CONCURRENTLY} under
 * {@value #BUILT} (writers keep writing; a build that fails leaves an invalid index, which the next
 * run drops first), then one short transaction drops pyworkflow's index and renames ours. Dropping
 * an index and renaming one take the table's lock only for a catalog change, whatever the table's
 * size; the transaction waits at most {@link #LOCK_TIMEOUT} for it behind longer transactions, and
 * tries again, so it never queues the table's writers for long. Runs outside a transaction
 * ({@code runInTransaction="false"}), and is a no-op once the layout is in place.
 *
 * @since 0.2.0
 */
public final class EventSequenceIndex implements CustomTaskChange {

	/** The index's name, pyworkflow's. */
	public static final String NAME = "idx_events_run_id_sequence";

	/** The name the unique index is built under, which workflow storage 0.1 kept it under. */
	public static final String BUILT = "idx_events_run_id_sequence_unique";

	static final String LOCK_TIMEOUT = "2s";

	private static final int SWAP_ATTEMPTS = 15;

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String SEQUENCE_INDEXES = """
			SELECT c.relname, i.indisunique, i.indisvalid
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid = to_regclass('events') AND i.indpred IS NULL AND i.indexprs IS NULL
			  AND i.indnkeyatts = 2
			  AND i.indkey[0] = (SELECT attnum FROM pg_attribute WHERE attrelid = i.indrelid AND attname = 'run_id')
			  AND i.indkey[1] = (SELECT attnum FROM pg_attribute WHERE attrelid = i.indrelid AND attname = 'sequence')""";

	private static final String LOCK_HOLDERS = """
			SELECT string_agg(DISTINCT 'pid ' || a.pid || ' (' || a.state || ': '
			                  || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 80) || ')', ', ')
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.relation = to_regclass('events') AND l.granted AND a.pid <> pg_backend_pid()""";

	private static final Logger logger = LoggerFactory.getLogger(EventSequenceIndex.class);

	/**
	 * Whether {@code events} has a valid unique index on {@code (run_id, sequence)}, under any
	 * name.
	 * @param connection the database
	 * @return {@code true} if it has
	 * @throws SQLException if the catalog cannot be read
	 */
	static boolean uniqueExists(Connection connection) throws SQLException {
		return sequenceIndexes(connection).stream().anyMatch(SequenceIndex::uniqueAndValid);
	}

	@Override
	public void execute(Database database) throws CustomChangeException {
		Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
		try {
			if (!connection.getAutoCommit()) {
				throw new CustomChangeException(getClass().getSimpleName()
						+ " builds an index concurrently and must run in a changeset with runInTransaction=\"false\"");
			}
			List<SequenceIndex> indexes = sequenceIndexes(connection);
			if (indexes.stream().anyMatch((index) -> index.named(NAME) && index.uniqueAndValid())) {
				if (indexes.stream().anyMatch((index) -> index.named(BUILT))) {
					execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + BUILT);
				}
				return;
			}
			if (indexes.stream().noneMatch((index) -> index.named(BUILT) && index.uniqueAndValid())) {
				buildUnique(connection, indexes);
			}
			swap(connection);
		}
		catch (SQLException ex) {
			throw new CustomChangeException("Could not give events one unique index on (run_id, sequence): "
					+ ex.getMessage(), ex);
		}
	}

	private void buildUnique(Connection connection, List<SequenceIndex> indexes) throws SQLException,
			CustomChangeException {
		if (indexes.stream().anyMatch((index) -> index.named(BUILT))) {
			logger.info("Dropping the invalid index {} an interrupted build left behind", BUILT);
			execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + BUILT);
		}
		logger.info("Building the unique index {} on events (run_id, sequence) concurrently; writers keep writing",
				BUILT);
		try {
			execute(connection, "CREATE UNIQUE INDEX CONCURRENTLY " + BUILT + " ON events (run_id, sequence)");
		}
		catch (SQLException ex) {
			// A failed concurrent build leaves an invalid index that every writer still maintains.
			execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + BUILT);
			throw new CustomChangeException("Could not build the unique index " + BUILT
					+ " on events (run_id, sequence): " + ex.getMessage() + ". If events of one run share a sequence "
					+ "(pyworkflow's workers do not keep them unique), renumber them and start again; "
					+ "nothing was changed.", ex);
		}
	}

	private void swap(Connection connection) throws SQLException, CustomChangeException {
		for (int attempt = 1; attempt <= SWAP_ATTEMPTS; attempt++) {
			connection.setAutoCommit(false);
			try {
				execute(connection, "SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
				execute(connection, "DROP INDEX IF EXISTS " + NAME);
				execute(connection, "ALTER INDEX " + BUILT + " RENAME TO " + NAME);
				connection.commit();
				logger.info("events has one index on (run_id, sequence): the unique {}", NAME);
				return;
			}
			catch (SQLException ex) {
				connection.rollback();
				if (!LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
					throw ex;
				}
				logger.info("Waiting for table events to replace index {} (attempt {} of {}): held by {}", NAME,
						attempt, SWAP_ATTEMPTS, lockHolders(connection));
			}
			finally {
				connection.setAutoCommit(true);
			}
		}
		throw new CustomChangeException("Could not replace index " + NAME + " on events by the unique " + BUILT
				+ ": the table stayed locked through " + SWAP_ATTEMPTS + " waits of " + LOCK_TIMEOUT + ", by "
				+ lockHolders(connection) + ". Both indexes are in place and appends work; start again when those "
				+ "transactions have ended.");
	}

	private static String lockHolders(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(LOCK_HOLDERS);
				ResultSet rs = statement.executeQuery()) {
			String holders = rs.next() ? rs.getString(1) : null;
			return (holders != null) ? holders : "transactions that have ended since";
		}
	}

	private static List<SequenceIndex> sequenceIndexes(Connection connection) throws SQLException {
		List<SequenceIndex> indexes = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(SEQUENCE_INDEXES);
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				indexes.add(new SequenceIndex(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)));
			}
		}
		return indexes;
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public String getConfirmationMessage() {
		return "events has one unique index on (run_id, sequence), " + NAME;
	}

	@Override
	public void setUp() {
	}

	@Override
	public void setFileOpener(ResourceAccessor resourceAccessor) {
	}

	@Override
	public ValidationErrors validate(Database database) {
		return new ValidationErrors();
	}

	private record SequenceIndex(String name, boolean unique, boolean valid) {

		boolean named(String candidate) {
			return this.name.equals(candidate);
		}

		boolean uniqueAndValid() {
			return this.unique && this.valid;
		}

	}

}
