package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.StoredValue;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.RunStore;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of {@code workflow_runs}. Every statement that concerns one run names its
 * {@code run_id}, so Citus sends it to one shard.
 *
 * @since 0.1.0
 */
public final class JdbcRunRepository implements RunStore {

	static final String RUN_COLUMNS = """
			run_id, workflow_name, status, created_at, updated_at, started_at, completed_at, input_args, \
			input_kwargs, result, error, idempotency_key, max_duration, metadata, recovery_attempts, \
			max_recovery_attempts, recover_on_worker_loss, parent_run_id, nesting_depth, continued_from_run_id, \
			continued_to_run_id""";

	private static final String INSERT_RUN = "INSERT INTO workflow_runs (" + RUN_COLUMNS + """
			) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String GET_RUN = "SELECT " + RUN_COLUMNS + " FROM workflow_runs WHERE run_id = ?";

	// Citus lets pyworkflow's workers write one key twice: the earliest run holds it.
	private static final String GET_RUN_BY_IDEMPOTENCY_KEY = "SELECT " + RUN_COLUMNS
			+ " FROM workflow_runs WHERE idempotency_key = ? ORDER BY created_at, run_id LIMIT 1";

	private static final String GET_RUN_ID_BY_IDEMPOTENCY_KEY = """
			SELECT run_id FROM workflow_runs WHERE idempotency_key = ? ORDER BY created_at, run_id LIMIT 1""";

	private static final String UPDATE_STATUS = """
			UPDATE workflow_runs
			SET status = ?, updated_at = ?, result = COALESCE(?, result), error = COALESCE(?, error),
				completed_at = COALESCE(?, completed_at)
			WHERE run_id = ?""";

	private static final String CLAIM_RUN = """
			UPDATE workflow_runs SET status = ?, updated_at = ? WHERE run_id = ? AND status = ?""";

	private static final String UPDATE_RECOVERY_ATTEMPTS = """
			UPDATE workflow_runs SET recovery_attempts = ?, updated_at = ? WHERE run_id = ?""";

	private static final String UPDATE_CONTEXT = """
			UPDATE workflow_runs SET metadata = ?, updated_at = ? WHERE run_id = ?""";

	private static final String UPDATE_CONTINUATION = """
			UPDATE workflow_runs SET continued_to_run_id = ?, updated_at = ? WHERE run_id = ?""";

	private static final String GET_CURSOR_POSITION = "SELECT created_at FROM workflow_runs WHERE run_id = ?";

	private static final String LIST_RUNS = "SELECT " + RUN_COLUMNS + " FROM workflow_runs";

	private static final String LIST_RUN_SUMMARIES = "SELECT " + RunSummaryRowMapper.SUMMARY_COLUMNS + " FROM workflow_runs";

	private static final String LIST_RUNS_ORDER = " ORDER BY created_at DESC, run_id DESC LIMIT ?";

	private static final String COUNT_RUNS = "SELECT status, COUNT(*) FROM workflow_runs";

	private static final String BY_STATUS = " GROUP BY status";

	private static final String BEFORE_CURSOR = "(created_at, run_id) < (?, ?)";

	private static final String MATCHES_QUERY = "(workflow_name ILIKE ? ESCAPE '\\' OR input_kwargs ILIKE ? ESCAPE '\\')";

	private static final String HAS_STATUS = "status = ?";

	private static final String CREATED_FROM = "created_at >= ?";

	private static final String CREATED_BEFORE = "created_at < ?";

	private static final String GET_CHILDREN = "SELECT " + RUN_COLUMNS
			+ " FROM workflow_runs WHERE parent_run_id = ? ORDER BY created_at, run_id";

	private static final String GET_CHILDREN_WITH_STATUS = "SELECT " + RUN_COLUMNS
			+ " FROM workflow_runs WHERE parent_run_id = ? AND status = ? ORDER BY created_at, run_id";

	static final String IDEMPOTENCY_KEY_INDEX = "idx_runs_idempotency_key";

	private static final String PRIMARY_KEY = "workflow_runs_pkey";

	private static final String RUN_EXISTS = "SELECT 1 FROM workflow_runs WHERE run_id = ?";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final UndecodableRows undecodableRows;

	private final @Nullable KeyTables keyTables;

	private final TransactionTemplate transactions;

	private final String[] idempotencyKeyConstraints;

	/**
	 * A repository.
	 * @param jdbc the client
	 * @param clock the clock every change takes its time from
	 * @param undecodableRows what listings skip
	 * @param keyTables the dialect's key tables, or {@code null} where constraints keep keys unique
	 * @param transactions the transactions of a run's insert with its key
	 */
	public JdbcRunRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows,
			@Nullable KeyTables keyTables, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
		this.keyTables = keyTables;
		this.transactions = transactions;
		this.idempotencyKeyConstraints = idempotencyKeyConstraints(keyTables);
	}

	@Override
	public void insert(WorkflowRun run) {
		KeyTables keyTables = this.keyTables;
		try {
			if (keyTables == null || (run.idempotencyKey() == null && run.parentRunId() == null)) {
				// Nothing else to write or check: one statement, no transaction round trips.
				insertRow(run);
			}
			else {
				insertWithKey(run, keyTables);
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw translateInsertFailure(run, ex);
		}
	}

	private void insertWithKey(WorkflowRun run, KeyTables keyTables) {
		String key = run.idempotencyKey();
		if (key != null) {
			// pyworkflow's workers do not fill the key table: a key one of their runs holds is found in
			// workflow_runs (across all shards; as strong as pyworkflow's own check against their
			// concurrent writes).
			findRunIdInRuns(key).ifPresent((holder) -> {
				throw Rejection.duplicateIdempotencyKey(key, holder);
			});
		}
		this.transactions.executeWithoutResult((transaction) -> {
			if (run.parentRunId() != null && !exists(run.parentRunId())) {
				throw Rejection.notFound("parent run", run.parentRunId());
			}
			insertRow(run);
			if (key != null) {
				this.jdbc.sql(keyTables.insertIdempotencyKey()).params(key, run.runId()).update();
			}
		});
	}

	private void insertRow(WorkflowRun run) {
		this.jdbc.sql(INSERT_RUN)
				.params(run.runId(), run.workflowName(), run.status().value(), SqlValues.timestamp(run.createdAt()),
						SqlValues.timestamp(run.updatedAt()), SqlValues.timestamp(run.startedAt()),
						SqlValues.timestamp(run.completedAt()), run.inputArgs(), run.inputKwargs(),
						SqlValues.text(run.result()), SqlValues.text(run.error()),
						SqlValues.text(run.idempotencyKey()), SqlValues.text(run.maxDuration()), run.context(),
						run.recoveryAttempts(), run.maxRecoveryAttempts(), run.recoverOnWorkerLoss(),
						SqlValues.text(run.parentRunId()), run.nestingDepth(), SqlValues.text(run.continuedFromRunId()),
						SqlValues.text(run.continuedToRunId()))
				.update();
	}

	private RuntimeException translateInsertFailure(WorkflowRun run, DataIntegrityViolationException ex) {
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
			return Rejection.duplicateId("run", run.runId());
		}
		String key = run.idempotencyKey();
		if (key != null && SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, this.idempotencyKeyConstraints)) {
			// The unique index made us wait for the winner to commit, so its run is visible now.
			return findRunIdByIdempotencyKey(key)
				.<RuntimeException>map((existingRunId) -> Rejection.duplicateIdempotencyKey(key, existingRunId))
				.orElse(ex);
		}
		if (run.parentRunId() != null && SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
			return Rejection.notFound("parent run", run.parentRunId());
		}
		return ex;
	}

	private static String[] idempotencyKeyConstraints(@Nullable KeyTables keyTables) {
		List<String> constraints = new ArrayList<>(List.of(IDEMPOTENCY_KEY_INDEX));
		if (keyTables != null) {
			constraints.addAll(keyTables.idempotencyKeyConstraints());
		}
		return constraints.toArray(String[]::new);
	}

	// Whether a run exists, without reading it: a parent that another client wrote with a value we
	// cannot decode is still a parent.
	private boolean exists(String runId) {
		return this.jdbc.sql(RUN_EXISTS).param(runId).query(Integer.class).optional().isPresent();
	}

	@Override
	public Optional<WorkflowRun> find(String runId) {
		return this.jdbc.sql(GET_RUN).param(runId).query(WorkflowRunRowMapper.INSTANCE).optional();
	}

	/**
	 * The run holding a key. With key tables: the registered run (one shard, then one more), and
	 * for runs that pyworkflow's workers wrote (they do not fill the key table) across all shards,
	 * where the earliest of several holds it.
	 */
	@Override
	public Optional<WorkflowRun> findByIdempotencyKey(String idempotencyKey) {
		Optional<WorkflowRun> registered = registeredRunId(idempotencyKey).flatMap(this::find);
		return registered.isPresent() ? registered
				: this.jdbc.sql(GET_RUN_BY_IDEMPOTENCY_KEY)
					.param(idempotencyKey)
					.query(WorkflowRunRowMapper.INSTANCE)
					.optional();
	}

	// The id of the run holding a key, found as findByIdempotencyKey finds the run, without reading
	// it: a holder that another client wrote with a value we cannot decode still holds its key.
	private Optional<String> findRunIdByIdempotencyKey(String idempotencyKey) {
		Optional<String> registered = registeredRunId(idempotencyKey);
		return registered.isPresent() ? registered : findRunIdInRuns(idempotencyKey);
	}

	private Optional<String> findRunIdInRuns(String idempotencyKey) {
		return this.jdbc.sql(GET_RUN_ID_BY_IDEMPOTENCY_KEY).param(idempotencyKey).query(String.class).optional();
	}

	private Optional<String> registeredRunId(String idempotencyKey) {
		if (this.keyTables == null) {
			return Optional.empty();
		}
		return this.jdbc.sql(this.keyTables.findIdempotencyKeyHolder())
			.param(idempotencyKey)
			.query(String.class)
			.optional();
	}

	@Override
	public void updateStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql(UPDATE_STATUS)
			.params(status.value(), SqlValues.timestamp(now), SqlValues.text(result), SqlValues.text(error),
					SqlValues.timestamp(status.isTerminal() ? now : null), runId)
			.update();
		requireUpdated(runId, updated);
	}

	@Override
	public boolean claim(String runId, RunStatus fromStatus, RunStatus toStatus) {
		return this.jdbc.sql(CLAIM_RUN)
			.params(toStatus.value(), SqlValues.timestamp(this.clock.instant()), runId, fromStatus.value())
			.update() == 1;
	}

	@Override
	public void updateRecoveryAttempts(String runId, int recoveryAttempts) {
		int updated = this.jdbc.sql(UPDATE_RECOVERY_ATTEMPTS)
			.params(recoveryAttempts, SqlValues.timestamp(this.clock.instant()), runId)
			.update();
		requireUpdated(runId, updated);
	}

	@Override
	public void updateContext(String runId, String context) {
		int updated = this.jdbc.sql(UPDATE_CONTEXT)
			.params(context, SqlValues.timestamp(this.clock.instant()), runId)
			.update();
		requireUpdated(runId, updated);
	}

	@Override
	public void updateContinuation(String runId, String continuedToRunId) {
		int updated = this.jdbc.sql(UPDATE_CONTINUATION)
			.params(continuedToRunId, SqlValues.timestamp(this.clock.instant()), runId)
			.update();
		requireUpdated(runId, updated);
	}

	/**
	 * A page of runs, newest first. The cursor is the id of the previous page's last row; the
	 * page continues strictly below its ({@code created_at}, {@code run_id}), so runs created in
	 * the same microsecond are neither skipped nor repeated. A row that cannot be decoded is
	 * skipped ({@link UndecodableRows}) but still counts towards the page: the page holds fewer
	 * runs, and its cursor (which may be the skipped row's id) still leads past it.
	 * @param filter the filter
	 * @return the page
	 */
	@Override
	public RunPage list(RunFilter filter) {
		Page<WorkflowRun> page = page(filter, LIST_RUNS, Operation.LIST_RUNS, WorkflowRunRowMapper.INSTANCE);
		return RunPage.of(page.rows(), page.nextCursor());
	}

	/**
	 * A page of run summaries, as {@link #list} pages runs, selecting none of the unbounded
	 * columns (the filter's query still reads {@code input_kwargs} in the condition).
	 * @param filter the filter
	 * @return the page
	 */
	@Override
	public RunSummaryPage listSummaries(RunFilter filter) {
		Page<RunSummary> page = page(filter, LIST_RUN_SUMMARIES, Operation.LIST_RUN_SUMMARIES,
				RunSummaryRowMapper.INSTANCE);
		return RunSummaryPage.of(page.rows(), page.nextCursor());
	}

	private <T> Page<T> page(RunFilter filter, String select, Operation operation, RowMapper<T> mapper) {
		SqlConditions sql = new SqlConditions(select);
		if (filter.cursor() != null) {
			sql.and(BEFORE_CURSOR, SqlValues.timestamp(cursorPosition(filter.cursor())),
					filter.cursor());
		}
		if (filter.query() != null) {
			String pattern = SqlValues.containsPattern(filter.query());
			sql.and(MATCHES_QUERY, pattern, pattern);
		}
		if (filter.status() != null) {
			sql.and(HAS_STATUS, filter.status().value());
		}
		if (filter.startTime() != null) {
			sql.and(CREATED_FROM, SqlValues.timestamp(filter.startTime()));
		}
		if (filter.endTime() != null) {
			sql.and(CREATED_BEFORE, SqlValues.timestamp(filter.endTime()));
		}
		// One row more than the page tells whether a next page exists; it is decoded on that page.
		sql.then(LIST_RUNS_ORDER, filter.limit() + 1);
		List<ListedRow<T>> rows = this.jdbc.sql(sql.sql())
			.params(sql.params())
			.query((rs, rowNum) -> new ListedRow<>(rs.getString("run_id"),
					(rowNum < filter.limit()) ? this.undecodableRows.decodeOrSkip(operation, mapper, rs) : null))
			.list();
		List<ListedRow<T>> page = rows.subList(0, Math.min(rows.size(), filter.limit()));
		List<T> decoded = page.stream().map(ListedRow::row).filter(Objects::nonNull).toList();
		return new Page<>(decoded, (rows.size() > filter.limit()) ? page.get(page.size() - 1).runId() : null);
	}

	/**
	 * How many runs were created in the window, by status, in one statement; a status this
	 * library cannot decode counts in the total only.
	 */
	@Override
	public RunCounts count(@Nullable Instant createdFrom, @Nullable Instant createdBefore) {
		SqlConditions sql = new SqlConditions(COUNT_RUNS);
		if (createdFrom != null) {
			sql.and(CREATED_FROM, SqlValues.timestamp(createdFrom));
		}
		if (createdBefore != null) {
			sql.and(CREATED_BEFORE, SqlValues.timestamp(createdBefore));
		}
		sql.then(BY_STATUS);
		Map<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
		long[] total = new long[1];
		this.jdbc.sql(sql.sql()).params(sql.params()).query((RowCallbackHandler) (rs) -> {
			long count = rs.getLong(2);
			StoredValue.find(RunStatus.class, rs.getString(1)).ifPresent((status) -> counts.put(status, count));
			total[0] += count;
		});
		return new RunCounts(counts, total[0]);
	}

	// A row of a page: its run, or null when the row is skipped.
	private record ListedRow<T>(String runId, @Nullable T row) {
	}

	private record Page<T>(List<T> rows, @Nullable String nextCursor) {
	}

	private Instant cursorPosition(String cursor) {
		return this.jdbc.sql(GET_CURSOR_POSITION)
			.param(cursor)
			.query((rs, rowNum) -> SqlValues.instant(rs, "created_at"))
			.optional()
			.orElseThrow(() -> Rejection.invalidInput("unknown cursor " + WorkflowStorageException.quote(cursor)));
	}

	@Override
	public List<WorkflowRun> children(String parentRunId, @Nullable RunStatus status) {
		JdbcClient.StatementSpec statement = (status != null)
				? this.jdbc.sql(GET_CHILDREN_WITH_STATUS).params(parentRunId, status.value())
				: this.jdbc.sql(GET_CHILDREN).param(parentRunId);
		return this.undecodableRows.list(Operation.GET_CHILDREN, statement, WorkflowRunRowMapper.INSTANCE);
	}

	private static void requireUpdated(String runId, int updated) {
		if (updated == 0) {
			throw Rejection.notFound("run", runId);
		}
	}

}
