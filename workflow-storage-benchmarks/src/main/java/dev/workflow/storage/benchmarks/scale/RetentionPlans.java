package dev.workflow.storage.benchmarks.scale;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;

/**
 * The plans of a retention pass's statements at scale: {@code EXPLAIN (ANALYZE, BUFFERS)} of the
 * candidate queries, and of one batch's statements for the first 500 candidates in a transaction
 * that is rolled back, then of the set-based deletes of the stream tables and schedules, rolled
 * back too. The statement texts are those of {@code JdbcRetentionRepository} (and, on Citus, of
 * its key tables); {@link #checkAgainst} records a real pass and fails if it sent a statement not
 * explained here, so the texts cannot drift.
 */
final class RetentionPlans {

	private static final String ENDED = "status IN ('completed', 'failed', 'cancelled', 'continued_as_new', 'interrupted')";

	static final String FIRST_CANDIDATES = "SELECT run_id, updated_at FROM workflow_runs WHERE " + ENDED
			+ " AND updated_at < ? ORDER BY updated_at, run_id LIMIT ?";

	static final String NEXT_CANDIDATES = "SELECT run_id, updated_at FROM workflow_runs WHERE " + ENDED
			+ " AND updated_at < ? AND (updated_at, run_id) > (?, ?) ORDER BY updated_at, run_id LIMIT ?";

	static final String PARENTS = "SELECT DISTINCT parent_run_id FROM workflow_runs WHERE parent_run_id = ANY (?)";

	static final String LOCK_RUNS = "UPDATE workflow_runs SET updated_at = updated_at WHERE run_id = ANY (?) AND "
			+ ENDED + " AND updated_at < ? RETURNING run_id";

	static final String STEP_IDS = "SELECT step_id FROM steps WHERE run_id = ANY (?)";

	static final String DELETE_CHECKPOINTS = "DELETE FROM checkpoints WHERE step_run_id = ANY (?)";

	static final String DELETE_EVENTS = "DELETE FROM events WHERE run_id = ANY (?)";

	static final String DELETE_STEPS = "DELETE FROM steps WHERE run_id = ANY (?)";

	static final String DELETE_HOOKS = "DELETE FROM hooks WHERE run_id = ANY (?) RETURNING token";

	static final String DELETE_FLAGS = "DELETE FROM cancellation_flags WHERE run_id = ANY (?)";

	static final String DELETE_RUNS = "DELETE FROM workflow_runs WHERE run_id = ANY (?) RETURNING idempotency_key";

	static final String DELETE_HOOK_TOKENS = "DELETE FROM hook_tokens WHERE token = ANY (?) AND run_id = ANY (?)";

	static final String DELETE_IDEMPOTENCY_KEYS = """
			DELETE FROM workflow_idempotency_keys WHERE idempotency_key = ANY (?) AND run_id = ANY (?)""";

	static final String DELETE_SCHEDULED_SIGNALS = "DELETE FROM scheduled_signals WHERE delivered = TRUE AND created_at < ?";

	static final String DELETE_SIGNALS = "DELETE FROM signals WHERE published_at < ?";

	static final String DELETE_ACKNOWLEDGMENTS = "DELETE FROM signal_acknowledgments WHERE acknowledged_at < ?";

	static final String DELETE_SUBSCRIPTIONS = """
			DELETE FROM stream_subscriptions WHERE status IN ('terminated', 'completed') AND created_at < ?""";

	static final String DELETE_SCHEDULES = "DELETE FROM schedules WHERE lower(status) = 'deleted' AND deleted_at < ?";

	// The pass's advisory lock: not a plan worth showing.
	private static final Set<String> NOT_EXPLAINED = Set.of("SELECT pg_try_advisory_lock(?)", "SELECT pg_advisory_unlock(?)");

	private static final Pattern SEQ_SCAN_OF_BIG_TABLES = Pattern.compile("Seq Scan on (workflow_runs|events)(_\\d+)?\\b");

	// A batch's ids, bound as an array, fill pages of a plan: shown by their number.
	private static final Pattern LONG_ARRAY = Pattern.compile("'\\{([^}']{200,})\\}'");

	private static final int BATCH = WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE;

	/**
	 * One statement's plan.
	 *
	 * @param sql the statement
	 * @param plan the plan, as EXPLAIN printed it
	 */
	record Plan(String sql, String plan) {

		boolean seqScansBigTable() {
			return SEQ_SCAN_OF_BIG_TABLES.matcher(this.plan).find();
		}

	}

	private RetentionPlans() {
	}

	/**
	 * Records a pass of {@code storage} made on {@code recording} and fails if it sent a
	 * statement that {@link #explain} does not explain.
	 * @param recording the database the storage was made on, recording
	 * @param storage the storage
	 * @param cutoff the cutoff
	 * @return the pass
	 */
	static RetentionPass checkAgainst(StatementRecordingDataSource recording, WorkflowStorage storage, Instant cutoff) {
		recording.clear();
		RetentionPass pass = storage.deleteOldRuns(cutoff, BATCH);
		Set<String> sent = new LinkedHashSet<>(recording.statements());
		sent.removeAll(NOT_EXPLAINED);
		sent.removeAll(List.of(FIRST_CANDIDATES, NEXT_CANDIDATES, PARENTS, LOCK_RUNS, STEP_IDS, DELETE_CHECKPOINTS,
				DELETE_EVENTS, DELETE_STEPS, DELETE_HOOKS, DELETE_FLAGS, DELETE_RUNS, DELETE_HOOK_TOKENS,
				DELETE_IDEMPOTENCY_KEYS, DELETE_SCHEDULED_SIGNALS, DELETE_SIGNALS, DELETE_ACKNOWLEDGMENTS,
				DELETE_SUBSCRIPTIONS, DELETE_SCHEDULES));
		if (!sent.isEmpty()) {
			throw new IllegalStateException("The pass sent statements the plans do not explain: " + sent);
		}
		return pass;
	}

	/**
	 * Explains the pass's statements on a loaded database, changing nothing.
	 * @param database the database
	 * @param cutoff the cutoff
	 * @param citus whether it is a Citus cluster (with key tables)
	 * @return the plans, in the order a pass sends the statements
	 */
	static List<Plan> explain(DataSource database, Instant cutoff, boolean citus) throws SQLException {
		List<Plan> plans = new ArrayList<>();
		Timestamp olderThan = Timestamp.from(cutoff);
		try (Connection connection = database.getConnection()) {
			plans.add(explain(connection, FIRST_CANDIDATES, olderThan, BATCH));
			List<String> runIds = new ArrayList<>();
			Timestamp last = null;
			try (PreparedStatement statement = connection.prepareStatement(FIRST_CANDIDATES)) {
				statement.setTimestamp(1, olderThan);
				statement.setInt(2, BATCH);
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						runIds.add(rs.getString(1));
						last = rs.getTimestamp(2);
					}
				}
			}
			plans.add(explain(connection, NEXT_CANDIDATES, olderThan, last, runIds.get(runIds.size() - 1), BATCH));
			Array candidates = connection.createArrayOf("text", runIds.toArray());
			plans.add(explain(connection, PARENTS, candidates));
			// As the pass does: a run with a child left waits for its children.
			runIds.removeAll(texts(connection, PARENTS, candidates));
			Array runs = connection.createArrayOf("text", runIds.toArray());
			connection.setAutoCommit(false);
			try {
				plans.add(explain(connection, LOCK_RUNS, runs, olderThan));
				plans.add(explain(connection, STEP_IDS, runs));
				Array steps = connection.createArrayOf("text", texts(connection, STEP_IDS, runs).toArray());
				Array tokens = connection.createArrayOf("text",
						texts(connection, "SELECT token FROM hooks WHERE run_id = ANY (?)", runs).toArray());
				Array keys = connection.createArrayOf("text", texts(connection,
						"SELECT idempotency_key FROM workflow_runs WHERE run_id = ANY (?) AND idempotency_key IS NOT NULL",
						runs).toArray());
				plans.add(explain(connection, DELETE_CHECKPOINTS, steps));
				plans.add(explain(connection, DELETE_EVENTS, runs));
				plans.add(explain(connection, DELETE_STEPS, runs));
				plans.add(explain(connection, DELETE_HOOKS, runs));
				plans.add(explain(connection, DELETE_FLAGS, runs));
				plans.add(explain(connection, DELETE_RUNS, runs));
				if (citus) {
					plans.add(explain(connection, DELETE_HOOK_TOKENS, tokens, runs));
					plans.add(explain(connection, DELETE_IDEMPOTENCY_KEYS, keys, runs));
				}
			}
			finally {
				connection.rollback();
			}
			try {
				for (String sql : List.of(DELETE_SCHEDULED_SIGNALS, DELETE_SIGNALS, DELETE_ACKNOWLEDGMENTS,
						DELETE_SUBSCRIPTIONS, DELETE_SCHEDULES)) {
					plans.add(explain(connection, sql, olderThan));
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
		return plans;
	}

	private static Plan explain(Connection connection, String sql, Object... parameters) throws SQLException {
		StringBuilder plan = new StringBuilder();
		try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					plan.append(rs.getString(1)).append('\n');
				}
			}
		}
		return new Plan(sql, LONG_ARRAY.matcher(plan).replaceAll((match) -> "'{" + match.group(1).split(",").length
				+ " values}'"));
	}

	/**
	 * The plan of the statement a hot operation sends, recorded from the library with its values.
	 * @param database the database
	 * @param storageFactory our storage on a data source
	 * @param operation calls the operation on the storage it is given
	 * @return the plan of the operation's (last) statement
	 */
	static Plan explainOperation(DataSource database, Function<DataSource, WorkflowStorage> storageFactory,
			Consumer<WorkflowStorage> operation) throws SQLException {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		operation.accept(storageFactory.apply(recording));
		List<RecordedStatement> sent = recording.recordedStatements();
		RecordedStatement statement = sent.get(sent.size() - 1);
		StringBuilder plan = new StringBuilder();
		try (Connection connection = database.getConnection();
				PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
			statement.bindTo(explain);
			try (ResultSet rs = explain.executeQuery()) {
				while (rs.next()) {
					plan.append(rs.getString(1)).append('\n');
				}
			}
		}
		return new Plan(statement.sql(), plan.toString());
	}

	private static List<String> texts(Connection connection, String sql, Array array) throws SQLException {
		List<String> texts = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setArray(1, array);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					texts.add(rs.getString(1));
				}
			}
		}
		return texts;
	}

	static Map<String, Boolean> seqScans(List<Plan> plans) {
		Map<String, Boolean> scans = new LinkedHashMap<>();
		plans.forEach((plan) -> scans.put(plan.sql(), plan.seqScansBigTable()));
		return scans;
	}

}
