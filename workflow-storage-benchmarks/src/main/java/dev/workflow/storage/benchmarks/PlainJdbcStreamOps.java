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
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import org.jspecify.annotations.Nullable;

/**
 * The floor of the stream operations: the statements our library sends, as recorded from it in
 * {@link StreamStatements}, bound by hand with plain JDBC in the same way, mapping rows to the
 * same model types, without argument checks or error translation.
 */
final class PlainJdbcStreamOps {

	private final DataSource dataSource;

	private final StreamStatements statements;

	PlainJdbcStreamOps(DataSource dataSource, StreamStatements statements) {
		this.dataSource = dataSource;
		this.statements = statements;
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

	private static OffsetDateTime now() {
		return Instant.now().atOffset(ZoneOffset.UTC);
	}

	// Like the library, a lost race for the next sequence (the key says so) is tried again; with
	// every publisher taking the stream run's lock, none is lost.
	int publishSignal(NewSignal signal) {
		String streamRunId = Objects.requireNonNullElse(signal.streamRunId(), Signal.PYWORKFLOW_NO_STREAM_RUN);
		while (true) {
			try {
				return with((connection) -> {
					Integer sequence = lockAndPublishAfterHighest(connection, signal, streamRunId);
					return (sequence != null) ? sequence : publishFirst(connection, signal, streamRunId);
				});
			}
			catch (IllegalStateException ex) {
				if (!(ex.getCause() instanceof SQLException sql) || !"23505".equals(sql.getSQLState())
						|| !String.valueOf(sql.getMessage()).contains("signals_pkey")) {
					throw ex;
				}
			}
		}
	}

	// The lock and the insert in one round trip, in autocommit one implicit transaction; null when
	// the stream run has no signal yet.
	private @Nullable Integer lockAndPublishAfterHighest(Connection connection, NewSignal signal, String streamRunId)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.statements.publishAfterHighest())) {
			statement.setInt(1, this.statements.streamRunLockClass());
			statement.setInt(2, streamRunId.hashCode());
			bindSignal(statement, 3, signal);
			statement.setString(10, streamRunId);
			statement.execute();
			statement.getMoreResults();
			try (ResultSet sequence = statement.getResultSet()) {
				return sequence.next() ? sequence.getInt(1) : null;
			}
		}
	}

	// A stream run's first signal: under the lock in a transaction, the insert after the highest
	// again (another publisher may have been first), else at sequence 0.
	private int publishFirst(Connection connection, NewSignal signal, String streamRunId) throws SQLException {
		connection.setAutoCommit(false);
		try {
			Integer sequence = lockAndPublishAfterHighest(connection, signal, streamRunId);
			if (sequence == null) {
				try (PreparedStatement statement = connection.prepareStatement(this.statements.publishFirst())) {
					statement.setString(1, streamRunId);
					bindSignal(statement, 2, signal);
					statement.executeUpdate();
				}
				sequence = 0;
			}
			connection.commit();
			return sequence;
		}
		catch (SQLException | RuntimeException ex) {
			connection.rollback();
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	private static void bindSignal(PreparedStatement statement, int first, NewSignal signal) throws SQLException {
		statement.setString(first, signal.signalId());
		statement.setString(first + 1, signal.streamId());
		statement.setString(first + 2, signal.signalType());
		statement.setString(first + 3, signal.payload());
		statement.setObject(first + 4, now(), Types.TIMESTAMP_WITH_TIMEZONE);
		statement.setString(first + 5, signal.sourceRunId());
		statement.setString(first + 6, signal.metadata());
	}

	List<Signal> getSignals(String streamId, int fromSequence, int limit) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.statements.getSignals())) {
				statement.setString(1, streamId);
				statement.setObject(2, fromSequence);
				statement.setObject(3, limit);
				List<Signal> signals = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						String streamRunId = rs.getString(3);
						signals.add(new Signal(rs.getString(1), rs.getString(2),
								Signal.PYWORKFLOW_NO_STREAM_RUN.equals(streamRunId) ? null : streamRunId, rs.getInt(4),
								rs.getString(5), rs.getString(6), instant(rs, 7), rs.getString(8), rs.getString(9)));
					}
				}
				return signals;
			}
		});
	}

	void saveCheckpoint(String stepRunId, String data) {
		with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.statements.saveCheckpoint())) {
				OffsetDateTime now = now();
				statement.setString(1, stepRunId);
				statement.setString(2, data);
				statement.setObject(3, now, Types.TIMESTAMP_WITH_TIMEZONE);
				statement.setObject(4, now, Types.TIMESTAMP_WITH_TIMEZONE);
				return statement.executeUpdate();
			}
		});
	}

	Optional<Checkpoint> loadCheckpoint(String stepRunId) {
		return with((connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.statements.loadCheckpoint())) {
				statement.setString(1, stepRunId);
				try (ResultSet rs = statement.executeQuery()) {
					return rs.next() ? Optional.of(new Checkpoint(rs.getString(1), rs.getString(2), instant(rs, 3),
							instant(rs, 4))) : Optional.empty();
				}
			}
		});
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
