package dev.workflow.storage.postgres;

import java.time.Clock;

import dev.workflow.storage.store.CancellationFlagStore;
import dev.workflow.storage.store.Rejection;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code cancellation_flags}: one row per run flagged for cancellation.
 *
 * @since 0.1.0
 */
public final class JdbcCancellationFlagRepository implements CancellationFlagStore {

	private static final String SET_FLAG = """
			INSERT INTO cancellation_flags (run_id, created_at) VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING""";

	private static final String CHECK_FLAG = "SELECT EXISTS (SELECT 1 FROM cancellation_flags WHERE run_id = ?)";

	private static final String CLEAR_FLAG = "DELETE FROM cancellation_flags WHERE run_id = ?";

	private final JdbcClient jdbc;

	private final Clock clock;

	public JdbcCancellationFlagRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void set(String runId) {
		try {
			this.jdbc.sql(SET_FLAG).params(runId, SqlValues.timestamp(this.clock.instant())).update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
				throw Rejection.notFound("run", runId);
			}
			throw ex;
		}
	}

	@Override
	public boolean isSet(String runId) {
		return Boolean.TRUE.equals(this.jdbc.sql(CHECK_FLAG).param(runId).query(Boolean.class).single());
	}

	@Override
	public void clear(String runId) {
		this.jdbc.sql(CLEAR_FLAG).param(runId).update();
	}

}
