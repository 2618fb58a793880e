package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.ScheduledSignalStore;
import dev.workflow.storage.support.ScheduledSignalIds;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code scheduled_signals}.
 *
 * @since 0.3.0
 */
public final class JdbcScheduledSignalRepository implements ScheduledSignalStore {

	private static final String INSERT_SCHEDULED_SIGNAL = """
			INSERT INTO scheduled_signals (id, stream_id, signal_type, payload, due_at, stream_run_id, metadata, \
			delivered, created_at)
			VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, FALSE, ?)""";

	private static final String GET_DUE = "SELECT " + ScheduledSignalRowMapper.SCHEDULED_SIGNAL_COLUMNS
			+ " FROM scheduled_signals WHERE delivered = FALSE AND due_at <= ? ORDER BY due_at, id COLLATE \"C\" LIMIT ?";

	private static final String MARK_DELIVERED = "UPDATE scheduled_signals SET delivered = TRUE WHERE id = ? AND delivered = FALSE";

	private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM scheduled_signals WHERE id = ?)";

	private static final String PRIMARY_KEY = "scheduled_signals_pkey";

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * A repository.
	 * @param jdbc the client
	 * @param clock the clock every change takes its time from
	 */
	public JdbcScheduledSignalRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public String insert(NewScheduledSignal signal) {
		while (true) {
			String id = ScheduledSignalIds.next();
			try {
				this.jdbc.sql(INSERT_SCHEDULED_SIGNAL)
					.params(id, signal.streamId(), signal.signalType(), signal.payload(),
							SqlValues.timestamp(signal.dueAt()), SqlValues.text(signal.streamRunId()), signal.metadata(),
							SqlValues.timestamp(this.clock.instant()))
					.update();
				return id;
			}
			catch (DataIntegrityViolationException ex) {
				// why: 64 random bits collide about once in 2^32 ids; the next id will not.
				if (!SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
					throw ex;
				}
			}
		}
	}

	@Override
	public List<ScheduledSignal> findDue(Instant now, int limit) {
		return this.jdbc.sql(GET_DUE)
			.params(SqlValues.timestamp(now), limit)
			.query(ScheduledSignalRowMapper.INSTANCE)
			.list();
	}

	@Override
	public boolean markDelivered(String id) {
		if (this.jdbc.sql(MARK_DELIVERED).param(id).update() == 1) {
			return true;
		}
		if (Boolean.TRUE.equals(this.jdbc.sql(EXISTS).param(id).query(Boolean.class).single())) {
			return false;
		}
		throw Rejection.notFound("scheduled signal", id);
	}

}
