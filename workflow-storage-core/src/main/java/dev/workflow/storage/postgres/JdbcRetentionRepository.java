package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.RetentionStore;
import dev.workflow.storage.store.RetentionTally;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of retention: pyworkflow's {@code delete_old_runs}, in bounded batches.
 *
 * <p>
 * A pass runs on one connection of its own, which holds a session advisory lock for the whole
 * pass: a second pass of the same database (another instance) finds it taken and returns at once.
 * Ended runs are read oldest update first on the keyset ({@code updated_at}, {@code run_id}),
 * served by the partial index {@code idx_runs_ended_updated_at}; a run with a child left is passed
 * over, and taken at the end of the pass if its children have gone by then. Each batch is one transaction of whole runs: it
 * locks its runs and checks them again with an {@code UPDATE} that changes nothing (Citus allows
 * no {@code SELECT ... FOR UPDATE} across shards), so a run that changed meanwhile, or that a
 * pyworkflow pass deleted, is left to its new state; then it deletes their checkpoints, events,
 * steps, hooks, flags, key table rows and finally the runs. Every statement names the batch's run
 * ids ({@code = ANY}), which Citus sends, pushed down, to the shards that hold them. A batch that
 * meets a deadlock (a pyworkflow pass deleting the same runs in another order) or a new child is
 * rolled back and tried again. The stream rows and schedules that are old in their own right go
 * last, one set-based statement each, as pyworkflow deletes them.
 *
 * @since 0.3.0
 */
public final class JdbcRetentionRepository implements RetentionStore {

	/**
	 * The key of the session advisory lock a pass holds: an arbitrary constant, as an operator
	 * sees it in {@code pg_locks}.
	 */
	public static final long ADVISORY_LOCK_KEY = 0x7079_7265_7465_6e74L;

	private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";

	private static final String UNLOCK = "SELECT pg_advisory_unlock(?)";

	// Written out, not bound, so the planner matches the partial index's predicate.
	private static final String ENDED = "status IN ('completed', 'failed', 'cancelled', 'continued_as_new', 'interrupted')";

	private static final String FIRST_CANDIDATES = "SELECT run_id, updated_at FROM workflow_runs WHERE " + ENDED
			+ " AND updated_at < ? ORDER BY updated_at, run_id LIMIT ?";

	private static final String NEXT_CANDIDATES = "SELECT run_id, updated_at FROM workflow_runs WHERE " + ENDED
			+ " AND updated_at < ? AND (updated_at, run_id) > (?, ?) ORDER BY updated_at, run_id LIMIT ?";

	private static final String PARENTS = "SELECT DISTINCT parent_run_id FROM workflow_runs WHERE parent_run_id = ANY (?)";

	private static final String LOCK_RUNS = "UPDATE workflow_runs SET updated_at = updated_at WHERE run_id = ANY (?) AND "
			+ ENDED + " AND updated_at < ? RETURNING run_id";

	private static final String STEP_IDS = "SELECT step_id FROM steps WHERE run_id = ANY (?)";

	private static final String DELETE_CHECKPOINTS = "DELETE FROM checkpoints WHERE step_run_id = ANY (?)";

	private static final String DELETE_EVENTS = "DELETE FROM events WHERE run_id = ANY (?)";

	private static final String DELETE_STEPS = "DELETE FROM steps WHERE run_id = ANY (?)";

	private static final String DELETE_HOOKS = "DELETE FROM hooks WHERE run_id = ANY (?) RETURNING token";

	private static final String DELETE_FLAGS = "DELETE FROM cancellation_flags WHERE run_id = ANY (?)";

	private static final String DELETE_RUNS = "DELETE FROM workflow_runs WHERE run_id = ANY (?) RETURNING idempotency_key";

	private static final String DELETE_SCHEDULED_SIGNALS = "DELETE FROM scheduled_signals WHERE delivered = TRUE AND created_at < ?";

	private static final String DELETE_SIGNALS = "DELETE FROM signals WHERE published_at < ?";

	private static final String DELETE_ACKNOWLEDGMENTS = "DELETE FROM signal_acknowledgments WHERE acknowledged_at < ?";

	private static final String DELETE_SUBSCRIPTIONS = """
			DELETE FROM stream_subscriptions WHERE status IN ('terminated', 'completed') AND created_at < ?""";

	// pyworkflow's own pass compares status = 'DELETED' and so never purges one: any case is taken.
	private static final String DELETE_SCHEDULES = "DELETE FROM schedules WHERE lower(status) = 'deleted' AND deleted_at < ?";

	// A deadlock with another deleter, Citus's distributed one included, or a child created meanwhile.
	private static final Set<String> RETRIED_STATES = Set.of("40P01", "40001", SqlFailures.FOREIGN_KEY_VIOLATION);

	private static final int MAX_BATCH_ATTEMPTS = 10;

	private final DataSource dataSource;

	private final Duration statementTimeout;

	private final @Nullable KeyTables keyTables;

	/**
	 * A repository.
	 * @param dataSource the database
	 * @param statementTimeout how long one statement may run; {@link Duration#ZERO} for no limit
	 * @param keyTables the dialect's key tables, whose rows of deleted runs go with them, or
	 * {@code null} where there are none
	 */
	public JdbcRetentionRepository(DataSource dataSource, Duration statementTimeout, @Nullable KeyTables keyTables) {
		this.dataSource = dataSource;
		this.statementTimeout = statementTimeout;
		this.keyTables = keyTables;
	}

	@Override
	public RetentionPass deleteOldRuns(Instant olderThan, int batchSize) {
		try (Connection connection = this.dataSource.getConnection()) {
			JdbcTemplate jdbc = StatementTimeout.jdbcTemplate(new SingleConnectionDataSource(connection, true),
					this.statementTimeout);
			if (!Boolean.TRUE.equals(jdbc.queryForObject(TRY_LOCK, Boolean.class, ADVISORY_LOCK_KEY))) {
				return RetentionPass.skippedPass();
			}
			try {
				return new Pass(jdbc, olderThan, batchSize).run();
			}
			finally {
				jdbc.queryForObject(UNLOCK, Boolean.class, ADVISORY_LOCK_KEY);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not get a connection for retention: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * One pass on one connection.
	 */
	private final class Pass {

		private final JdbcTemplate jdbc;

		private final TransactionTemplate transactions;

		private final Instant olderThan;

		private final int batchSize;

		private final RetentionTally tally = new RetentionTally();

		Pass(JdbcTemplate jdbc, Instant olderThan, int batchSize) {
			this.jdbc = jdbc;
			this.transactions = new TransactionTemplate(
					new DataSourceTransactionManager(Objects.requireNonNull(jdbc.getDataSource())));
			this.olderThan = olderThan;
			this.batchSize = batchSize;
		}

		RetentionPass run() {
			List<String> parents = new ArrayList<>();
			Candidate last = null;
			while (true) {
				List<Candidate> candidates = candidates(last);
				if (candidates.isEmpty()) {
					break;
				}
				last = candidates.get(candidates.size() - 1);
				List<String> runIds = candidates.stream().map(Candidate::runId).toList();
				Set<String> withChildren = withChildren(runIds);
				runIds.stream().filter(withChildren::contains).forEach(parents::add);
				deleteBatch(without(runIds, withChildren));
			}
			// A parent that ended before its children comes before them: it goes once they have gone.
			while (!parents.isEmpty()) {
				Set<String> withChildren = withChildren(parents);
				List<String> childless = without(parents, withChildren);
				if (childless.isEmpty()) {
					break;
				}
				parents.retainAll(withChildren);
				for (int first = 0; first < childless.size(); first += this.batchSize) {
					deleteBatch(childless.subList(first, Math.min(childless.size(), first + this.batchSize)));
				}
			}
			deleteOld("scheduled_signals", DELETE_SCHEDULED_SIGNALS);
			deleteOld("signals", DELETE_SIGNALS);
			deleteOld("signal_acknowledgments", DELETE_ACKNOWLEDGMENTS);
			deleteOld("stream_subscriptions", DELETE_SUBSCRIPTIONS);
			deleteOld("schedules", DELETE_SCHEDULES);
			return this.tally.pass();
		}

		private List<Candidate> candidates(@Nullable Candidate after) {
			SqlParameterValue cutoff = SqlValues.timestamp(this.olderThan);
			return (after == null)
					? this.jdbc.query(FIRST_CANDIDATES, Candidate.MAPPER, cutoff, this.batchSize)
					: this.jdbc.query(NEXT_CANDIDATES, Candidate.MAPPER, cutoff, SqlValues.timestamp(after.updatedAt()),
							after.runId(), this.batchSize);
		}

		// Sets, not lists: a batch of thousands is filtered against them (a list's contains made it quadratic).
		private Set<String> withChildren(List<String> runIds) {
			return new HashSet<>(this.jdbc.query(PARENTS,
					(statement) -> statement.setArray(1, statement.getConnection().createArrayOf("text", runIds.toArray())),
					(rs, rowNum) -> rs.getString(1)));
		}

		private static List<String> without(List<String> runIds, Set<String> left) {
			return runIds.stream().filter((runId) -> !left.contains(runId)).toList();
		}

		private void deleteBatch(List<String> runIds) {
			if (runIds.isEmpty()) {
				return;
			}
			DataAccessException last = null;
			for (int attempt = 0; attempt < MAX_BATCH_ATTEMPTS; attempt++) {
				try {
					this.tally.committed(
							Objects.requireNonNull(this.transactions.execute((transaction) -> deleteRuns(runIds))));
					return;
				}
				catch (DataAccessException ex) {
					if (RETRIED_STATES.stream().noneMatch((state) -> SqlFailures.violates(ex, state))) {
						throw ex;
					}
					last = ex;
				}
			}
			throw Rejection.gaveUp("gave up deleting a batch of " + runIds.size() + " runs after " + MAX_BATCH_ATTEMPTS
					+ " deadlocks or new children", last);
		}

		// Checkpoints go first: Citus takes no change of a reference table after changes pushed to
		// several shards in one transaction, where a foreign key could relate them.
		private Map<String, Long> deleteRuns(List<String> candidates) {
			Map<String, Long> deleted = new LinkedHashMap<>();
			List<String> runIds = texts(LOCK_RUNS, candidates, SqlValues.timestamp(this.olderThan));
			if (runIds.isEmpty()) {
				return deleted;
			}
			List<String> stepIds = texts(STEP_IDS, runIds);
			deleted.put("checkpoints", (long) update(DELETE_CHECKPOINTS, stepIds));
			deleted.put("events", (long) update(DELETE_EVENTS, runIds));
			deleted.put("steps", (long) update(DELETE_STEPS, runIds));
			List<String> tokens = texts(DELETE_HOOKS, runIds);
			deleted.put("hooks", (long) tokens.size());
			deleted.put("cancellation_flags", (long) update(DELETE_FLAGS, runIds));
			List<String> keys = new ArrayList<>(texts(DELETE_RUNS, runIds));
			deleted.put("workflow_runs", (long) keys.size());
			keys.removeIf(Objects::isNull);
			KeyTables keyTables = JdbcRetentionRepository.this.keyTables;
			if (keyTables != null) {
				update(keyTables.deleteHookTokens(), tokens, runIds);
				update(keyTables.deleteIdempotencyKeys(), keys, runIds);
			}
			return deleted;
		}

		private void deleteOld(String table, String sql) {
			this.tally.deleted(table, this.jdbc.update(sql, SqlValues.timestamp(this.olderThan)));
		}

		// A statement whose first parameters are text arrays, then the others; its first column.
		private List<String> texts(String sql, List<String> array, SqlParameterValue... others) {
			return this.jdbc.query(sql, (statement) -> bind(statement, List.of(array), others),
					(rs, rowNum) -> rs.getString(1));
		}

		@SafeVarargs
		private int update(String sql, List<String>... arrays) {
			if (arrays[0].isEmpty()) {
				return 0;
			}
			return this.jdbc.update(sql, (statement) -> bind(statement, List.of(arrays)));
		}

		private static void bind(PreparedStatement statement, List<List<String>> arrays, SqlParameterValue... others)
				throws SQLException {
			int index = 1;
			for (List<String> array : arrays) {
				statement.setArray(index++, statement.getConnection().createArrayOf("text", array.toArray()));
			}
			for (SqlParameterValue other : others) {
				StatementCreatorUtils.setParameterValue(statement, index++, other, other.getValue());
			}
		}

	}

	private record Candidate(String runId, Instant updatedAt) {

		static final RowMapper<Candidate> MAPPER = (rs, rowNum) -> new Candidate(
				rs.getString("run_id"), SqlValues.instant(rs, "updated_at"));

	}

}
