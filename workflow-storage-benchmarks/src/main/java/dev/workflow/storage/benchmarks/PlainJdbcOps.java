package dev.workflow.storage.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.OverlapPolicy;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.support.JsonText;
import dev.workflow.storage.support.ScheduleSpecJson;

/**
 * The floor: the statements the library sends for each operation, written by hand with plain
 * JDBC on the same kind of pool, with the same parameters (the {@code step_id} taken from the
 * event data), mapping rows to the same model types, without argument checks or error
 * translation. Only the filters the benchmarks use are supported. The stream operations send the
 * statements recorded from the library ({@link StreamStatements}).
 */
final class PlainJdbcOps implements WorkflowOps {

	private static final String RUN_COLUMNS = "run_id, workflow_name, status, created_at, updated_at, started_at, "
			+ "completed_at, input_args, input_kwargs, result, error, idempotency_key, max_duration, metadata, "
			+ "recovery_attempts, max_recovery_attempts, recover_on_worker_loss, parent_run_id, nesting_depth, "
			+ "continued_from_run_id, continued_to_run_id";

	private final DataSource dataSource;

	private final PlainJdbcStreamOps streams;

	PlainJdbcOps(DataSource dataSource, StreamStatements streamStatements) {
		this.dataSource = dataSource;
		this.streams = new PlainJdbcStreamOps(dataSource, streamStatements);
	}

	/**
	 * The floor on {@code database}, sending the stream statements recorded from our library there.
	 * @param database a migrated database
	 * @param library our storage on a data source
	 * @return the floor
	 * @throws IllegalStateException if the floor would not send what the library sends
	 */
	static PlainJdbcOps sendingWhatTheLibrarySends(DataSource database, Function<DataSource, WorkflowStorage> library) {
		return new PlainJdbcOps(database, StreamStatements.record(database, library));
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

	private <T> T with(Work<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			return work.run(StatementTimeouts.applied(connection));
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void timestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
		if (instant == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, instant.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
		}
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	@Override
	public void createRun(WorkflowRun run) {
		with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO workflow_runs ("
					+ RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				statement.setString(1, run.runId());
				statement.setString(2, run.workflowName());
				statement.setString(3, run.status().value());
				timestamp(statement, 4, run.createdAt());
				timestamp(statement, 5, run.updatedAt());
				timestamp(statement, 6, run.startedAt());
				timestamp(statement, 7, run.completedAt());
				statement.setString(8, run.inputArgs());
				statement.setString(9, run.inputKwargs());
				statement.setString(10, run.result());
				statement.setString(11, run.error());
				statement.setString(12, run.idempotencyKey());
				statement.setString(13, run.maxDuration());
				statement.setString(14, run.context());
				statement.setInt(15, run.recoveryAttempts());
				statement.setInt(16, run.maxRecoveryAttempts());
				statement.setBoolean(17, run.recoverOnWorkerLoss());
				statement.setString(18, run.parentRunId());
				statement.setInt(19, run.nestingDepth());
				statement.setString(20, run.continuedFromRunId());
				statement.setString(21, run.continuedToRunId());
				return statement.executeUpdate();
			}
		});
	}

	// Like the library, a lost race for the next sequence (the unique index says so) is tried again.
	@Override
	public int recordEvent(Event event) {
		while (true) {
			try {
				return appendOnce(event);
			}
			catch (IllegalStateException ex) {
				if (!(ex.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())
						|| !String.valueOf(sql.getMessage()).contains("idx_events_run_id_sequence")) {
					throw ex;
				}
			}
		}
	}

	private int appendOnce(Event event) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("""
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
					SELECT ?, ?, COALESCE(MAX(sequence), -1) + 1, ?, ?, ?, ? FROM events WHERE run_id = ?
					RETURNING sequence""")) {
				statement.setString(1, event.eventId());
				statement.setString(2, event.runId());
				statement.setString(3, event.type());
				timestamp(statement, 4, event.timestamp());
				statement.setString(5, event.data());
				statement.setString(6, JsonText.field(event.data(), "step_id"));
				statement.setString(7, event.runId());
				try (ResultSet rs = statement.executeQuery()) {
					rs.next();
					return rs.getInt(1);
				}
			}
		});
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("""
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
					SELECT batch.event_id, ?, next.sequence + batch.ord - 1, batch.type, batch.ts, batch.data, batch.step_id
					FROM (SELECT COALESCE(MAX(sequence), -1) + 1 AS sequence FROM events WHERE run_id = ?) AS next,
						unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
							WITH ORDINALITY AS batch(event_id, type, ts, data, step_id, ord)
					RETURNING sequence""")) {
				int size = events.size();
				Object[] ids = new Object[size];
				Object[] types = new Object[size];
				Object[] timestamps = new Object[size];
				Object[] data = new Object[size];
				Object[] stepIds = new Object[size];
				for (int i = 0; i < size; i++) {
					Event event = events.get(i);
					ids[i] = event.eventId();
					types[i] = event.type();
					timestamps[i] = event.timestamp().atOffset(ZoneOffset.UTC).toString();
					data[i] = event.data();
					stepIds[i] = JsonText.field(event.data(), "step_id");
				}
				statement.setString(1, runId);
				statement.setString(2, runId);
				statement.setArray(3, connection.createArrayOf("text", ids));
				statement.setArray(4, connection.createArrayOf("text", types));
				statement.setArray(5, connection.createArrayOf("text", timestamps));
				statement.setArray(6, connection.createArrayOf("text", data));
				statement.setArray(7, connection.createArrayOf("text", stepIds));
				List<Integer> sequences = new ArrayList<>(size);
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						sequences.add(rs.getInt(1));
					}
				}
				return sequences;
			}
		});
	}

	@Override
	public List<Event> getEvents(String runId) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT event_id, run_id, sequence, type, timestamp, data FROM events WHERE run_id = ? "
							+ "ORDER BY sequence")) {
				statement.setString(1, runId);
				List<Event> events = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						events.add(new Event(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
								instant(rs, 5), rs.getString(6)));
					}
				}
				return events;
			}
		});
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		return with((connection) -> {
			Instant cursorCreatedAt = null;
			if (filter.cursor() != null) {
				try (PreparedStatement statement = connection
					.prepareStatement("SELECT created_at FROM workflow_runs WHERE run_id = ?")) {
					statement.setString(1, filter.cursor());
					try (ResultSet rs = statement.executeQuery()) {
						rs.next();
						cursorCreatedAt = instant(rs, 1);
					}
				}
			}
			String where = (filter.cursor() != null) ? " WHERE (created_at, run_id) < (?, ?)" : "";
			try (PreparedStatement statement = connection.prepareStatement("SELECT " + RUN_COLUMNS
					+ " FROM workflow_runs" + where + " ORDER BY created_at DESC, run_id DESC LIMIT ?")) {
				int index = 1;
				if (filter.cursor() != null) {
					timestamp(statement, index++, cursorCreatedAt);
					statement.setString(index++, filter.cursor());
				}
				statement.setInt(index, filter.limit() + 1);
				List<WorkflowRun> runs = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						runs.add(run(rs));
					}
				}
				if (runs.size() <= filter.limit()) {
					return RunPage.of(runs, null);
				}
				List<WorkflowRun> page = runs.subList(0, filter.limit());
				return RunPage.of(page, page.get(page.size() - 1).runId());
			}
		});
	}

	private static WorkflowRun run(ResultSet rs) throws SQLException {
		return new WorkflowRun(rs.getString(1), rs.getString(2), RunStatus.fromValue(rs.getString(3)), instant(rs, 4),
				instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getString(8), rs.getString(9), rs.getString(10),
				rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getInt(15), rs.getInt(16),
				rs.getBoolean(17), rs.getString(18), rs.getInt(19), rs.getString(20), rs.getString(21));
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"UPDATE workflow_runs SET status = ?, updated_at = ? WHERE run_id = ? AND status = ?")) {
				statement.setString(1, toStatus.value());
				timestamp(statement, 2, Instant.now());
				statement.setString(3, runId);
				statement.setString(4, fromStatus.value());
				return statement.executeUpdate() == 1;
			}
		});
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT schedule_id, workflow_name, spec, "
					+ "spec_type, timezone, input_args, input_kwargs, status, overlap_policy, next_run_time, "
					+ "last_run_time, running_run_ids, metadata, created_at, updated_at, paused_at, deleted_at "
					+ "FROM schedules WHERE status = ? AND next_run_time <= ? ORDER BY next_run_time, schedule_id")) {
				statement.setString(1, ScheduleStatus.ACTIVE.value());
				timestamp(statement, 2, now);
				List<Schedule> schedules = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						schedules.add(new Schedule(rs.getString(1), rs.getString(2), ScheduleSpecJson.read(rs.getString(3)),
								ScheduleStatus.fromValue(rs.getString(8)), rs.getString(6), rs.getString(7),
								OverlapPolicy.fromValue(rs.getString(9)), instant(rs, 10), instant(rs, 11),
								JsonText.stringList(rs.getString(12)), rs.getString(13), instant(rs, 14),
								instant(rs, 15), instant(rs, 16), instant(rs, 17)));
					}
				}
				return schedules;
			}
		});
	}

	@Override
	public int publishSignal(NewSignal signal) {
		return this.streams.publishSignal(signal);
	}

	@Override
	public List<Signal> getSignals(String streamId, int fromSequence, int limit) {
		return this.streams.getSignals(streamId, fromSequence, limit);
	}

	@Override
	public void saveCheckpoint(String stepRunId, String data) {
		this.streams.saveCheckpoint(stepRunId, data);
	}

	@Override
	public Optional<Checkpoint> loadCheckpoint(String stepRunId) {
		return this.streams.loadCheckpoint(stepRunId);
	}

}
