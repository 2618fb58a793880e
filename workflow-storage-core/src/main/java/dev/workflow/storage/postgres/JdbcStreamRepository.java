package dev.workflow.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.StreamStore;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of {@code streams}, {@code signals} and {@code signal_acknowledgments}.
 *
 * <p>
 * pyworkflow numbers the signals of a stream run, across the streams that share it, with
 * {@code MAX(sequence) + 1} and no lock, and its key ({@code stream_id}, {@code stream_run_id},
 * {@code sequence}) does not stop two streams of one stream run from taking one number. So a
 * publish here takes a transaction-scoped advisory lock on its stream run, then inserts after the
 * highest sequence, in one round trip: the two statements travel together and run in one implicit
 * transaction, the second seeing what the previous lock holder committed. The insert reads the
 * stream run's last signal (one entry of {@code idx_signals_stream_run_id_sequence}, where a
 * {@code MAX ... GROUP BY} would read them all) and inserts on its key, which Citus runs on the
 * stream run's shard. A stream run's first signal takes a second statement, under the lock in
 * a transaction. A publisher that takes no lock (pyworkflow's) can still take the number first;
 * the key refuses the second row of one stream and the publish tries again.
 *
 * @since 0.3.0
 */
public final class JdbcStreamRepository implements StreamStore {

	private static final String INSERT_STREAM = """
			INSERT INTO streams (stream_id, status, created_at, metadata) VALUES (?, ?, ?, ?::jsonb)""";

	private static final String GET_STREAM = "SELECT stream_id, status, created_at, metadata FROM streams WHERE stream_id = ?";

	private static final String LOCK_STREAM_RUN = "SELECT pg_advisory_xact_lock(?, ?)";

	private static final String PUBLISH_AFTER_HIGHEST = """
			INSERT INTO signals (stream_run_id, sequence, signal_id, stream_id, signal_type, payload, published_at, \
			source_run_id, metadata)
			SELECT s.stream_run_id, s.sequence + 1, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb
			FROM signals s WHERE s.stream_run_id = ? ORDER BY s.sequence DESC LIMIT 1
			RETURNING sequence""";

	private static final String LOCK_AND_PUBLISH_AFTER_HIGHEST = LOCK_STREAM_RUN + ";\n" + PUBLISH_AFTER_HIGHEST;

	private static final String PUBLISH_FIRST = """
			INSERT INTO signals (stream_run_id, sequence, signal_id, stream_id, signal_type, payload, published_at, \
			source_run_id, metadata)
			VALUES (?, 0, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb)""";

	private static final String GET_SIGNALS = "SELECT " + SignalRowMapper.SIGNAL_COLUMNS
			+ " FROM signals WHERE stream_id = ? AND sequence >= ? ORDER BY sequence, stream_run_id COLLATE \"C\" LIMIT ?";

	private static final String QUERY_SIGNALS = "SELECT " + SignalRowMapper.SIGNAL_COLUMNS + " FROM signals";

	private static final String OF_STREAM_RUN = "stream_id = ? AND stream_run_id = ?";

	private static final String FROM_SOURCE_RUN = "source_run_id = ?";

	private static final String OF_TYPE = "signal_type = ?";

	private static final String FROM_SEQUENCE = "sequence >= ?";

	private static final String TO_SEQUENCE = "sequence <= ?";

	private static final String FIRST_ONES = " ORDER BY sequence LIMIT ?";

	private static final String LAST_ONES = " ORDER BY sequence DESC LIMIT ?";

	private static final String ACKNOWLEDGE = """
			INSERT INTO signal_acknowledgments (signal_id, step_run_id, acknowledged_at) VALUES (?, ?, ?)
			ON CONFLICT (signal_id, step_run_id) DO NOTHING""";

	private static final String UNACKNOWLEDGED = "SELECT " + SignalRowMapper.SIGNAL_COLUMNS + """
			 FROM signals s WHERE s.stream_id = ? AND s.signal_type = ANY (?)
			AND NOT EXISTS (SELECT 1 FROM signal_acknowledgments a WHERE a.signal_id = s.signal_id AND a.step_run_id = ?)
			ORDER BY s.sequence, s.stream_run_id COLLATE "C\"""";

	// The first of the two keys of an advisory lock on a stream run: apart from the one-key locks
	// on runs (a different space) and from other users' two-key locks, as far as a constant goes.
	private static final int STREAM_RUN_LOCK_CLASS = 0x5349_474e;

	private static final String STREAMS_KEY = "streams_pkey";

	private static final String SIGNALS_KEY = "signals_pkey";

	private static final String SIGNAL_ID_INDEX = "idx_signals_signal_id";

	// Each lost race means another publisher took the number, so this bound is only reached if
	// something else keeps failing the same way.
	private static final int MAX_PUBLISH_ATTEMPTS = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final TransactionTemplate transactions;

	/**
	 * A repository.
	 * @param jdbcTemplate the template
	 * @param clock the clock every change takes its time from
	 * @param transactions the transactions of a stream run's first signal
	 */
	public JdbcStreamRepository(JdbcTemplate jdbcTemplate, Clock clock, TransactionTemplate transactions) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.clock = clock;
		this.transactions = transactions;
	}

	@Override
	public void insertStream(String streamId, @Nullable String metadata) {
		try {
			this.jdbc.sql(INSERT_STREAM)
				.params(streamId, SignalStream.ACTIVE, SqlValues.timestamp(this.clock.instant()),
						Objects.requireNonNullElse(metadata, "{}"))
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, STREAMS_KEY)) {
				throw Rejection.duplicateId("stream", streamId);
			}
			throw ex;
		}
	}

	@Override
	public Optional<SignalStream> findStream(String streamId) {
		return this.jdbc.sql(GET_STREAM)
			.param(streamId)
			.query((rs, rowNum) -> new SignalStream(rs.getString("stream_id"), rs.getString("status"),
					SqlValues.instant(rs, "created_at"), SqlValues.textOr(rs, "metadata", "{}")))
			.optional();
	}

	@Override
	public int publish(NewSignal signal) {
		String streamRunId = Objects.requireNonNullElse(signal.streamRunId(), Signal.PYWORKFLOW_NO_STREAM_RUN);
		DataIntegrityViolationException lastRace = null;
		for (int attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
			try {
				Integer sequence = lockAndPublishAfterHighest(signal, streamRunId);
				return (sequence != null) ? sequence : publishFirst(signal, streamRunId);
			}
			catch (DataIntegrityViolationException ex) {
				if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, SIGNAL_ID_INDEX)) {
					throw Rejection.duplicateId("signal", signal.signalId());
				}
				if (!SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, SIGNALS_KEY)) {
					throw ex;
				}
				lastRace = ex;
			}
		}
		throw Rejection.gaveUp("gave up publishing to stream run '" + streamRunId + "' after " + MAX_PUBLISH_ATTEMPTS
				+ " lost races for the next sequence", lastRace);
	}

	// The lock and the insert in one round trip; null when the stream run has no signal yet.
	private @Nullable Integer lockAndPublishAfterHighest(NewSignal signal, String streamRunId) {
		return this.jdbcTemplate.execute((ConnectionCallback<Integer>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(LOCK_AND_PUBLISH_AFTER_HIGHEST)) {
				statement.setInt(1, STREAM_RUN_LOCK_CLASS);
				statement.setInt(2, streamRunId.hashCode());
				bindSignal(statement, 3, signal);
				statement.setString(10, streamRunId);
				statement.execute();
				statement.getMoreResults();
				try (ResultSet sequence = statement.getResultSet()) {
					return sequence.next() ? sequence.getInt(1) : null;
				}
			}
		});
	}

	private int publishFirst(NewSignal signal, String streamRunId) {
		return Objects.requireNonNull(this.transactions.execute((transaction) -> {
			Integer sequence = lockAndPublishAfterHighest(signal, streamRunId);
			if (sequence != null) {
				return sequence;
			}
			this.jdbcTemplate.update(PUBLISH_FIRST, (statement) -> {
				statement.setString(1, streamRunId);
				bindSignal(statement, 2, signal);
			});
			return 0;
		}));
	}

	// Binds signal id, stream id, type, payload, publication time, source run and metadata.
	private void bindSignal(PreparedStatement statement, int first, NewSignal signal) throws SQLException {
		statement.setString(first, signal.signalId());
		statement.setString(first + 1, signal.streamId());
		statement.setString(first + 2, signal.signalType());
		statement.setString(first + 3, signal.payload());
		statement.setObject(first + 4, SqlValues.timestamp(this.clock.instant()).getValue(),
				Types.TIMESTAMP_WITH_TIMEZONE);
		statement.setString(first + 5, signal.sourceRunId());
		statement.setString(first + 6, signal.metadata());
	}

	@Override
	public List<Signal> signals(String streamId, int fromSequence, int limit) {
		return this.jdbc.sql(GET_SIGNALS).params(streamId, fromSequence, limit).query(SignalRowMapper.INSTANCE).list();
	}

	@Override
	public List<Signal> query(SignalQuery query) {
		SqlConditions sql = new SqlConditions(QUERY_SIGNALS).and(OF_STREAM_RUN, query.streamId(),
				Objects.requireNonNullElse(query.streamRunId(), Signal.PYWORKFLOW_NO_STREAM_RUN));
		if (query.sourceRunId() != null) {
			sql.and(FROM_SOURCE_RUN, query.sourceRunId());
		}
		if (query.signalType() != null) {
			sql.and(OF_TYPE, query.signalType());
		}
		if (query.lastN() != null) {
			sql.then(LAST_ONES, query.lastN());
			List<Signal> last = new ArrayList<>(
					this.jdbc.sql(sql.sql()).params(sql.params()).query(SignalRowMapper.INSTANCE).list());
			Collections.reverse(last);
			return last;
		}
		if (query.fromSequence() != null) {
			sql.and(FROM_SEQUENCE, query.fromSequence());
		}
		if (query.toSequence() != null) {
			sql.and(TO_SEQUENCE, query.toSequence());
		}
		sql.then(FIRST_ONES, query.limit());
		return this.jdbc.sql(sql.sql()).params(sql.params()).query(SignalRowMapper.INSTANCE).list();
	}

	@Override
	public void acknowledge(String signalId, String stepRunId) {
		this.jdbc.sql(ACKNOWLEDGE).params(signalId, stepRunId, SqlValues.timestamp(this.clock.instant())).update();
	}

	@Override
	public List<Signal> unacknowledged(String streamId, List<String> signalTypes, String stepRunId) {
		return this.jdbcTemplate.query(UNACKNOWLEDGED, (statement) -> {
			statement.setString(1, streamId);
			statement.setArray(2, statement.getConnection().createArrayOf("text", signalTypes.toArray()));
			statement.setString(3, stepRunId);
		}, SignalRowMapper.INSTANCE);
	}

}
