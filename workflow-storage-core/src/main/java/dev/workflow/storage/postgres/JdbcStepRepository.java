package dev.workflow.storage.postgres;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.Operation;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.StepStore;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code steps}.
 *
 * @since 0.1.0
 */
public final class JdbcStepRepository implements StepStore {

	private static final String STEP_COLUMNS = """
			step_id, run_id, step_name, status, created_at, started_at, completed_at, input_args, input_kwargs, \
			result, error, retry_count""";

	private static final String INSERT_STEP = "INSERT INTO steps (" + STEP_COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String GET_STEP = "SELECT " + STEP_COLUMNS + " FROM steps WHERE step_id = ?";

	private static final String UPDATE_STATUS = """
			UPDATE steps SET status = ?, result = COALESCE(?, result), error = COALESCE(?, error),
				completed_at = COALESCE(?, completed_at)
			WHERE step_id = ?""";

	private static final String LIST_STEPS = "SELECT " + STEP_COLUMNS
			+ " FROM steps WHERE run_id = ? ORDER BY created_at, step_id";

	private static final String PRIMARY_KEY = "steps_pkey";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final UndecodableRows undecodableRows;

	public JdbcStepRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
	}

	@Override
	public void insert(Step step) {
		try {
			this.jdbc.sql(INSERT_STEP)
				.params(step.stepId(), step.runId(), step.stepName(), step.status().value(),
						SqlValues.timestamp(step.createdAt()), SqlValues.timestamp(step.startedAt()),
						SqlValues.timestamp(step.completedAt()), step.inputArgs(), step.inputKwargs(),
						SqlValues.text(step.result()), SqlValues.text(step.error()), step.attempt())
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
				throw Rejection.duplicateId("step", step.stepId());
			}
			if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
				throw Rejection.notFound("run", step.runId());
			}
			throw ex;
		}
	}

	@Override
	public Optional<Step> find(String stepId) {
		return this.jdbc.sql(GET_STEP).param(stepId).query(StepRowMapper.INSTANCE).optional();
	}

	@Override
	public void updateStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		int updated = this.jdbc.sql(UPDATE_STATUS)
			.params(status.value(), SqlValues.text(result), SqlValues.text(error),
					SqlValues.timestamp(status.isTerminal() ? this.clock.instant() : null), stepId)
			.update();
		if (updated == 0) {
			throw Rejection.notFound("step", stepId);
		}
	}

	@Override
	public List<Step> list(String runId) {
		return this.undecodableRows.list(Operation.LIST_STEPS, this.jdbc.sql(LIST_STEPS).param(runId), StepRowMapper.INSTANCE);
	}

}
