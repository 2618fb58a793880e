package dev.workflow.storage.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.store.EventStore;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of {@code events}, the append-only log of each run.
 *
 * <p>
 * An append is one statement that reads the run's highest sequence and inserts the next one.
 * Two appenders that read the same highest sequence collide on the unique
 * ({@code run_id}, {@code sequence}) index: the later one fails after the earlier commits and
 * simply tries again, so sequences are never duplicated and never skipped, and the common case
 * is one round trip. After {@code plainRetries} lost races an appender retries under a
 * transaction-scoped advisory lock on the run, so appenders that contend for one run queue up
 * instead of colliding round after round. On PostgreSQL a lost race is cheap and plain retries are
 * faster; on Citus each attempt crosses the coordinator, and queueing at once is.
 *
 * @since 0.1.0
 */
public final class JdbcEventRepository implements EventStore {

	// EventRowMapper reads these by position.
	static final String EVENT_COLUMNS = "event_id, run_id, sequence, type, timestamp, data";

	private static final String INSERT_EVENTS_PREFIX = """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id) VALUES """ + " ";

	private static final String EVENT_ROW = "(?, ?, ?, ?, ?, ?, ?)";

	// Larger batches read the highest sequence in one statement: a multi-row INSERT takes seven
	// parameters a row, and the protocol allows 32,767.
	private static final int MAX_ROWS_PER_INSERT = 1000;

	private static final String GET_EVENTS = "SELECT " + EVENT_COLUMNS
			+ " FROM events WHERE run_id = ? ORDER BY sequence";

	private static final String GET_EVENTS_OF_TYPES = "SELECT " + EVENT_COLUMNS
			+ " FROM events WHERE run_id = ? AND type = ANY (?) ORDER BY sequence";

	private static final String GET_LATEST_EVENT = "SELECT " + EVENT_COLUMNS
			+ " FROM events WHERE run_id = ? ORDER BY sequence DESC LIMIT 1";

	private static final String GET_LATEST_EVENT_OF_TYPE = "SELECT " + EVENT_COLUMNS
			+ " FROM events WHERE run_id = ? AND type = ? ORDER BY sequence DESC LIMIT 1";

	private static final String HAS_EVENT = "SELECT EXISTS (SELECT 1 FROM events WHERE run_id = ? AND type = ?";

	private static final String STEP_ID_FILTER = " AND step_id = ?";

	private static final String GET_EVENT_DATA = "SELECT data FROM events WHERE run_id = ? AND type = ?";

	// The second name is the index's until changeset 12 renames it.
	private static final String[] SEQUENCE_INDEXES = { EventSequenceIndex.NAME, EventSequenceIndex.BUILT };

	private static final String PRIMARY_KEY = "events_pkey";

	private static final String LOCK_RUN = "SELECT pg_advisory_xact_lock(?)";

	// Each lost race means another appender succeeded, so this bound is only reached if
	// something else keeps failing the same way.
	private static final int MAX_APPEND_ATTEMPTS = 1000;

	private static final String FIND_EVENT_ID = "SELECT event_id FROM events WHERE event_id = ANY (?) LIMIT 1";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate transactions;

	private final AppendPolicy policy;

	private final @Nullable ExpectedSequences expectedSequences;

	/**
	 * A repository that appends as the policy says.
	 * @param jdbcTemplate the template
	 * @param transactions the transactions of appends that queue on their run's lock
	 * @param policy the dialect's append statements and retries
	 */
	public JdbcEventRepository(JdbcTemplate jdbcTemplate, TransactionTemplate transactions, AppendPolicy policy) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.transactions = transactions;
		this.policy = policy;
		this.expectedSequences = (policy.expectedSequenceRuns() > 0)
				? new ExpectedSequences(policy.expectedSequenceRuns()) : null;
	}

	/**
	 * Appends one event. Where this repository keeps {@link ExpectedSequences} and the caller runs
	 * no transaction of its own (whose rollback would undo the sequence an expectation counts on),
	 * an expected sequence is inserted with one {@code INSERT ... VALUES}; otherwise, or when it
	 * proves stale, the run's highest sequence is read in the statement.
	 * @param event the event
	 * @return its sequence
	 */
	@Override
	public int append(Event event) {
		ExpectedSequences expected = this.expectedSequences;
		if (expected == null || TransactionSynchronizationManager.isActualTransactionActive()) {
			return appendAfterHighest(event);
		}
		String runId = event.runId();
		return expected.serialized(runId, () -> {
			Integer next = expected.next(runId);
			List<Integer> sequence = (next != null) ? insertAllAt(runId, List.of(event), next) : null;
			if (sequence == null) {
				expected.forget(runId);
				sequence = List.of(appendAfterHighest(event));
			}
			expected.appended(runId, sequence.get(0));
			return sequence.get(0);
		});
	}

	private int appendAfterHighest(Event event) {
		return appendWithRetry(event.runId(), List.of(event),
				() -> this.jdbc.sql(this.policy.appendEvent())
					.params(event.eventId(), event.runId(), event.type(), SqlValues.timestamp(event.timestamp()),
							event.data(), SqlValues.text(JsonText.field(event.data(), "step_id")), event.runId())
					.query(Integer.class)
					.list())
			.get(0);
	}

	@Override
	public List<Integer> appendAll(String runId, List<Event> events) {
		ExpectedSequences expected = this.expectedSequences;
		if (expected == null || TransactionSynchronizationManager.isActualTransactionActive()) {
			return appendAllAfterHighest(runId, events);
		}
		return expected.serialized(runId, () -> {
			Integer first = expected.next(runId);
			List<Integer> sequences = (first != null && events.size() <= MAX_ROWS_PER_INSERT)
					? insertAllAt(runId, events, first) : null;
			if (sequences == null) {
				expected.forget(runId);
				sequences = appendAllAfterHighest(runId, events);
			}
			expected.appended(runId, sequences.get(sequences.size() - 1));
			return sequences;
		});
	}

	// One multi-row INSERT ... VALUES from the expected sequence on; null when another appender
	// took one of them.
	private @Nullable List<Integer> insertAllAt(String runId, List<Event> events, int first) {
		String sql = INSERT_EVENTS_PREFIX + String.join(", ", Collections.nCopies(events.size(), EVENT_ROW));
		List<Object> params = new ArrayList<>(events.size() * 7);
		List<Integer> sequences = new ArrayList<>(events.size());
		for (int i = 0; i < events.size(); i++) {
			Event event = events.get(i);
			params.addAll(Arrays.asList(event.eventId(), runId, first + i, event.type(),
					SqlValues.timestamp(event.timestamp()), event.data(),
					SqlValues.text(JsonText.field(event.data(), "step_id"))));
			sequences.add(first + i);
		}
		try {
			this.jdbc.sql(sql).params(params).update();
			return sequences;
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, SEQUENCE_INDEXES)) {
				return null;
			}
			throw translateAppendFailure(runId, events, ex);
		}
	}

	private List<Integer> appendAllAfterHighest(String runId, List<Event> events) {
		return appendWithRetry(runId, events, () -> {
			List<Integer> sequences = this.jdbcTemplate.execute((Connection connection) -> {
				PreparedStatement statement = connection.prepareStatement(this.policy.appendEvents());
				statement.setString(1, runId);
				statement.setString(2, runId);
				statement.setArray(3, textArray(connection, events, Event::eventId));
				statement.setArray(4, textArray(connection, events, Event::type));
				statement.setArray(5, textArray(connection, events,
						(event) -> event.timestamp().atOffset(ZoneOffset.UTC).toString()));
				statement.setArray(6, textArray(connection, events, Event::data));
				statement.setArray(7,
						textArray(connection, events, (event) -> JsonText.field(event.data(), "step_id")));
				return statement;
			}, (PreparedStatement statement) -> {
				List<Integer> assigned = new ArrayList<>(events.size());
				try (var rs = statement.executeQuery()) {
					while (rs.next()) {
						assigned.add(rs.getInt(1));
					}
				}
				return assigned;
			});
			// The sequences follow the batch's order by construction; RETURNING's order does not.
			sequences.sort(null);
			return sequences;
		});
	}

	private static Array textArray(Connection connection, List<Event> events,
			Function<Event, @Nullable String> value) throws SQLException {
		Object[] values = new Object[events.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = value.apply(events.get(i));
		}
		return connection.createArrayOf("text", values);
	}

	private List<Integer> appendWithRetry(String runId, List<Event> events,
			Supplier<List<Integer>> append) {
		DataIntegrityViolationException lastRace = null;
		for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
			try {
				List<Integer> sequences = (attempt <= this.policy.plainRetries()) ? append.get() : underRunLock(runId, append);
				if (sequences.isEmpty()) {
					throw Rejection.notFound("run", runId);
				}
				return sequences;
			}
			catch (DataIntegrityViolationException ex) {
				if (!SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, SEQUENCE_INDEXES)) {
					throw translateAppendFailure(runId, events, ex);
				}
				lastRace = ex;
			}
		}
		throw Rejection.gaveUp("gave up appending to run '" + runId + "' after " + MAX_APPEND_ATTEMPTS
				+ " lost races for the next sequence", lastRace);
	}

	private List<Integer> underRunLock(String runId, Supplier<List<Integer>> append) {
		return this.transactions.execute((transaction) -> {
			this.jdbc.sql(LOCK_RUN).param((long) runId.hashCode()).query().singleValue();
			return append.get();
		});
	}

	private RuntimeException translateAppendFailure(String runId, List<Event> events,
			DataIntegrityViolationException ex) {
		if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
			return Rejection.notFound("run", runId);
		}
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
			String eventId = (events.size() == 1) ? events.get(0).eventId() : existingEventId(events);
			return Rejection.duplicateId("event", eventId);
		}
		return ex;
	}

	private String existingEventId(List<Event> events) {
		List<String> ids = events.stream().map(Event::eventId).toList();
		return this.jdbcTemplate
			.query(FIND_EVENT_ID,
					(ps) -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
					(rs, rowNum) -> rs.getString(1))
			.stream()
			.findFirst()
			.orElse(String.join(", ", ids));
	}

	@Override
	public List<Event> find(String runId, @Nullable Collection<String> types) {
		if (types == null || types.isEmpty()) {
			return this.jdbc.sql(GET_EVENTS).param(runId).query(EventRowMapper.INSTANCE).list();
		}
		return this.jdbcTemplate.query(GET_EVENTS_OF_TYPES, (ps) -> {
			ps.setString(1, runId);
			ps.setArray(2, ps.getConnection().createArrayOf("text", types.toArray()));
		}, EventRowMapper.INSTANCE);
	}

	@Override
	public Optional<Event> findLatest(String runId, @Nullable String type) {
		if (type == null) {
			return this.jdbc.sql(GET_LATEST_EVENT).param(runId).query(EventRowMapper.INSTANCE).optional();
		}
		return this.jdbc.sql(GET_LATEST_EVENT_OF_TYPE)
			.params(runId, type)
			.query(EventRowMapper.INSTANCE)
			.optional();
	}

	/**
	 * Whether the run has an event of the type whose data matches every filter. {@code step_id}
	 * is matched on its indexed column; other fields are read from the data here, as pyworkflow
	 * does, because a cast to {@code jsonb} fails on valid JSON that {@code jsonb} refuses (the NUL
	 * escape Python writes), and one such event would fail every such query on its run.
	 */
	@Override
	public boolean exists(String runId, String type, Map<String, String> dataFilters) {
		StringBuilder sql = new StringBuilder();
		List<Object> params = new ArrayList<>(List.of(runId, type));
		String stepId = dataFilters.get("step_id");
		Map<String, String> dataFields = new HashMap<>(dataFilters);
		dataFields.remove("step_id");
		sql.append(dataFields.isEmpty() ? HAS_EVENT : GET_EVENT_DATA);
		if (stepId != null) {
			sql.append(STEP_ID_FILTER);
			params.add(stepId);
		}
		if (dataFields.isEmpty()) {
			sql.append(")");
			return Boolean.TRUE.equals(this.jdbc.sql(sql.toString()).params(params).query(Boolean.class).single());
		}
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query(String.class)
			.list()
			.stream()
			.anyMatch((data) -> dataFields.entrySet()
				.stream()
				.allMatch((filter) -> filter.getValue().equals(JsonText.field(data, filter.getKey()))));
	}

}
