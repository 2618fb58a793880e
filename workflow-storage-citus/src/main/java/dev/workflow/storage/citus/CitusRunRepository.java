package dev.workflow.storage.citus;

import java.time.Clock;
import java.util.Optional;

import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.JdbcRunRepository;
import dev.workflow.storage.postgres.SqlFailures;
import dev.workflow.storage.postgres.UndecodableRows;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The runs SQL of PostgreSQL, with the two guarantees Citus cannot give with constraints of
 * {@code workflow_runs} alone.
 *
 * <p>
 * An idempotency key is unique through {@code workflow_idempotency_keys}, distributed on the
 * key, written in the run's transaction (Citus commits the two shards' writes atomically). A
 * parent run must exist: Citus has no self-referencing foreign key on a non-distribution column,
 * so the insert's transaction reads it first, which is safe because runs are never deleted by
 * this library.
 *
 * @since 0.1.0
 */
public class CitusRunRepository extends JdbcRunRepository {

	private static final String INSERT_IDEMPOTENCY_KEY = """
			INSERT INTO workflow_idempotency_keys (idempotency_key, run_id) VALUES (?, ?)""";

	private static final String GET_RUN_ID_BY_IDEMPOTENCY_KEY = """
			SELECT run_id FROM workflow_idempotency_keys WHERE idempotency_key = ?""";

	private static final String RUN_EXISTS = "SELECT 1 FROM workflow_runs WHERE run_id = ?";

	private static final String IDEMPOTENCY_KEY_TABLE_KEY = "workflow_idempotency_keys_pkey";

	private final TransactionTemplate transactions;

	public CitusRunRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows,
			TransactionTemplate transactions) {
		super(jdbc, clock, undecodableRows);
		this.transactions = transactions;
	}

	@Override
	public void insert(WorkflowRun run) {
		if (run.idempotencyKey() == null && run.parentRunId() == null) {
			// Nothing else to write or check: one statement, no transaction round trips.
			super.insert(run);
			return;
		}
		if (run.idempotencyKey() != null) {
			// pyworkflow's workers do not fill the key table: a key one of their runs holds is found
			// in workflow_runs (across all shards; as strong as pyworkflow's own check against
			// their concurrent writes).
			super.findRunIdByIdempotencyKey(run.idempotencyKey()).ifPresent((holder) -> {
				throw new DuplicateIdempotencyKeyException("createRun", run.idempotencyKey(), holder);
			});
		}
		try {
			this.transactions.executeWithoutResult((transaction) -> {
				if (run.parentRunId() != null && !exists(run.parentRunId())) {
					throw new NotFoundException("createRun", "parent run", run.parentRunId());
				}
				insertRow(run);
				if (run.idempotencyKey() != null) {
					this.jdbc.sql(INSERT_IDEMPOTENCY_KEY).params(run.idempotencyKey(), run.runId()).update();
				}
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw translateInsertFailure(run, ex);
		}
	}

	@Override
	protected RuntimeException translateInsertFailure(WorkflowRun run, DataIntegrityViolationException ex) {
		if (run.idempotencyKey() != null
				&& SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, IDEMPOTENCY_KEY_TABLE_KEY)) {
			return duplicateIdempotencyKey(run.idempotencyKey(), ex);
		}
		return super.translateInsertFailure(run, ex);
	}

	// Whether a run exists, without reading it: a parent that another client wrote with a value we
	// cannot decode is still a parent.
	private boolean exists(String runId) {
		return this.jdbc.sql(RUN_EXISTS).param(runId).query(Integer.class).optional().isPresent();
	}

	/**
	 * The run holding a key: through the key table (one shard, then one more), and for runs that
	 * pyworkflow's Python workers wrote (they do not fill the key table) across all shards, where
	 * the earliest of several holds it.
	 */
	@Override
	public Optional<WorkflowRun> findByIdempotencyKey(String idempotencyKey) {
		Optional<WorkflowRun> registered = registeredRunId(idempotencyKey).flatMap(this::find);
		return registered.isPresent() ? registered : super.findByIdempotencyKey(idempotencyKey);
	}

	/**
	 * The id of the run holding a key, found as {@link #findByIdempotencyKey} finds the run.
	 */
	@Override
	public Optional<String> findRunIdByIdempotencyKey(String idempotencyKey) {
		Optional<String> registered = registeredRunId(idempotencyKey);
		return registered.isPresent() ? registered : super.findRunIdByIdempotencyKey(idempotencyKey);
	}

	private Optional<String> registeredRunId(String idempotencyKey) {
		return this.jdbc.sql(GET_RUN_ID_BY_IDEMPOTENCY_KEY).param(idempotencyKey).query(String.class).optional();
	}

}
