package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.ScheduleStore;
import dev.workflow.storage.support.JsonText;
import dev.workflow.storage.support.ScheduleSpecJson;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code schedules}.
 *
 * <p>
 * The running run ids are a JSON array in a text column (pyworkflow's layout). Adding or
 * removing one is a single UPDATE that computes the new array from the row's current value; a
 * concurrent UPDATE of the same row waits for the row lock and then recomputes from the
 * committed value, so no change is lost. It changes only a JSON array of strings (SQL NULL and
 * empty text being none, as pyworkflow reads them): a value another client wrote that is anything
 * else is left as it is, and the operation fails naming it.
 *
 * @since 0.1.0
 */
public final class JdbcScheduleRepository implements ScheduleStore {

	private static final String SCHEDULE_COLUMNS = """
			schedule_id, workflow_name, spec, spec_type, timezone, input_args, input_kwargs, status, \
			overlap_policy, next_run_time, last_run_time, running_run_ids, metadata, created_at, updated_at, \
			paused_at, deleted_at""";

	private static final String INSERT_SCHEDULE = "INSERT INTO schedules (" + SCHEDULE_COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String GET_SCHEDULE = "SELECT " + SCHEDULE_COLUMNS
			+ " FROM schedules WHERE schedule_id = ?";

	private static final String UPDATE_SCHEDULE = """
			UPDATE schedules SET workflow_name = ?, spec = ?, spec_type = ?, timezone = ?, input_args = ?,
				input_kwargs = ?, status = ?, overlap_policy = ?, next_run_time = ?, last_run_time = ?,
				running_run_ids = ?, metadata = ?, updated_at = ?, paused_at = ?, deleted_at = ?
			WHERE schedule_id = ?""";

	private static final String DELETE_SCHEDULE = """
			UPDATE schedules SET status = ?, deleted_at = ?, updated_at = ? WHERE schedule_id = ?""";

	private static final String LIST_SCHEDULES = "SELECT " + SCHEDULE_COLUMNS + " FROM schedules";

	private static final String LIST_SCHEDULES_ORDER = " ORDER BY created_at DESC, schedule_id DESC LIMIT ? OFFSET ?";

	private static final String GET_DUE_SCHEDULES = "SELECT " + SCHEDULE_COLUMNS
			+ " FROM schedules WHERE status = ? AND next_run_time <= ? ORDER BY next_run_time, schedule_id";

	private static final String GET_RUNNING_RUN_IDS = """
			SELECT schedule_id, running_run_ids FROM schedules WHERE schedule_id = ?""";

	// pyworkflow reads SQL NULL and empty text as no running runs.
	private static final String RUNNING_RUN_IDS = "COALESCE(NULLIF(running_run_ids, ''), '[]')::jsonb";

	// True for a JSON array of strings only (the path finds no element of another type; for
	// anything but an array it is NULL): other values another client wrote are left as they are.
	private static final String RUNNING_RUN_IDS_ARE_STRINGS = "jsonb_path_exists(" + RUNNING_RUN_IDS
			+ ", 'strict $[*] ? (@.type() != \"string\")', '{}', true) IS FALSE";

	// The new element is bound as a one-element JSON array: Citus allows only immutable functions
	// (such as the text-to-jsonb cast) inside CASE.
	private static final String ADD_RUNNING_RUN = "UPDATE schedules SET running_run_ids = CASE WHEN jsonb_exists("
			+ RUNNING_RUN_IDS + ", ?) THEN running_run_ids ELSE (" + RUNNING_RUN_IDS + " || ?::jsonb)::text END, "
			+ "updated_at = ? WHERE schedule_id = ? AND " + RUNNING_RUN_IDS_ARE_STRINGS;

	private static final String REMOVE_RUNNING_RUN = "UPDATE schedules SET running_run_ids = (" + RUNNING_RUN_IDS
			+ " - ?::text)::text, updated_at = ? WHERE schedule_id = ? AND " + RUNNING_RUN_IDS_ARE_STRINGS;

	// Each attempt after the first means another client rewrote the running run ids between an
	// UPDATE and the read that followed it.
	private static final int MAX_RUNNING_RUN_ATTEMPTS = 3;

	private static final String OF_WORKFLOW = "workflow_name = ?";

	private static final String HAS_STATUS = "status = ?";

	private static final String PRIMARY_KEY = "schedules_pkey";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final UndecodableRows undecodableRows;

	public JdbcScheduleRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
	}

	@Override
	public void insert(Schedule schedule) {
		try {
			this.jdbc.sql(INSERT_SCHEDULE)
				.params(schedule.scheduleId(), schedule.workflowName(), ScheduleSpecJson.write(schedule.spec()),
						schedule.spec().type().value(), schedule.spec().timezone(), schedule.inputArgs(),
						schedule.inputKwargs(), schedule.status().value(), schedule.overlapPolicy().value(),
						SqlValues.timestamp(schedule.nextRunTime()), SqlValues.timestamp(schedule.lastRunTime()),
						JsonText.stringArray(schedule.runningRunIds()), schedule.metadata(),
						SqlValues.timestamp(schedule.createdAt()), SqlValues.timestamp(schedule.updatedAt()),
						SqlValues.timestamp(schedule.pausedAt()), SqlValues.timestamp(schedule.deletedAt()))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
				throw Rejection.duplicateId("schedule", schedule.scheduleId());
			}
			throw ex;
		}
	}

	@Override
	public Optional<Schedule> find(String scheduleId) {
		return this.jdbc.sql(GET_SCHEDULE).param(scheduleId).query(ScheduleRowMapper.INSTANCE).optional();
	}

	@Override
	public void update(Schedule schedule) {
		int updated = this.jdbc.sql(UPDATE_SCHEDULE)
			.params(schedule.workflowName(), ScheduleSpecJson.write(schedule.spec()), schedule.spec().type().value(),
					schedule.spec().timezone(), schedule.inputArgs(), schedule.inputKwargs(),
					schedule.status().value(), schedule.overlapPolicy().value(),
					SqlValues.timestamp(schedule.nextRunTime()), SqlValues.timestamp(schedule.lastRunTime()),
					JsonText.stringArray(schedule.runningRunIds()), schedule.metadata(),
					SqlValues.timestamp(this.clock.instant()), SqlValues.timestamp(schedule.pausedAt()),
					SqlValues.timestamp(schedule.deletedAt()), schedule.scheduleId())
			.update();
		requireUpdated(schedule.scheduleId(), updated);
	}

	@Override
	public void delete(String scheduleId) {
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql(DELETE_SCHEDULE)
			.params(ScheduleStatus.DELETED.value(), SqlValues.timestamp(now), SqlValues.timestamp(now), scheduleId)
			.update();
		requireUpdated(scheduleId, updated);
	}

	@Override
	public List<Schedule> list(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset) {
		SqlConditions sql = new SqlConditions(LIST_SCHEDULES);
		if (workflowName != null) {
			sql.and(OF_WORKFLOW, workflowName);
		}
		if (status != null) {
			sql.and(HAS_STATUS, status.value());
		}
		sql.then(LIST_SCHEDULES_ORDER, limit, offset);
		return this.undecodableRows.list(Operation.LIST_SCHEDULES, this.jdbc.sql(sql.sql()).params(sql.params()),
				ScheduleRowMapper.INSTANCE);
	}

	@Override
	public List<Schedule> findDue(Instant now) {
		return this.undecodableRows.list(Operation.GET_DUE_SCHEDULES,
				this.jdbc.sql(GET_DUE_SCHEDULES).params(ScheduleStatus.ACTIVE.value(), SqlValues.timestamp(now)),
				ScheduleRowMapper.INSTANCE);
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		changeRunningRunIds(scheduleId, () -> this.jdbc.sql(ADD_RUNNING_RUN)
			.params(runId, JsonText.stringArray(List.of(runId)), SqlValues.timestamp(this.clock.instant()), scheduleId)
			.update());
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		changeRunningRunIds(scheduleId, () -> this.jdbc.sql(REMOVE_RUNNING_RUN)
			.params(runId, SqlValues.timestamp(this.clock.instant()), scheduleId)
			.update());
	}

	// When the UPDATE changes nothing, or PostgreSQL cannot read the value as JSON, reading the row
	// says why: it is missing, or its running run ids cannot be decoded (UndecodableColumnException),
	// or another client has just rewritten them (the UPDATE is tried again).
	private void changeRunningRunIds(String scheduleId, IntSupplier update) {
		for (int attempt = 1;; attempt++) {
			int updated;
			try {
				updated = update.getAsInt();
			}
			catch (DataAccessException ex) {
				if (SqlFailures.inClass(ex, SqlFailures.DATA_EXCEPTION)) {
					runningRunIds(scheduleId);
				}
				throw ex;
			}
			if (updated == 1) {
				return;
			}
			if (runningRunIds(scheduleId).isEmpty()) {
				throw Rejection.notFound("schedule", scheduleId);
			}
			if (attempt == MAX_RUNNING_RUN_ATTEMPTS) {
				throw Rejection.gaveUp("another client rewrote the running run ids of schedule "
						+ WorkflowStorageException.quote(scheduleId) + " between each of " + attempt
						+ " updates and the read that followed it", null);
			}
		}
	}

	private Optional<List<String>> runningRunIds(String scheduleId) {
		return this.jdbc.sql(GET_RUNNING_RUN_IDS)
			.param(scheduleId)
			.query((rs, rowNum) -> ScheduleRowMapper.runningRunIds(rs))
			.optional();
	}

	private static void requireUpdated(String scheduleId, int updated) {
		if (updated == 0) {
			throw Rejection.notFound("schedule", scheduleId);
		}
	}

}
