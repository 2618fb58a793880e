package dev.workflow.storage.postgres;

import java.time.Clock;

import dev.workflow.storage.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code cancellation_flags}: one row per run flagged for cancellation.
 *
 * @since 0.1.0
 */
public class JdbcCancellationFlagRepository {

	private static final String SET_FLAG = """
			INSERT INTO cancellation_flags (run_id, created_at) VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING""";

	private static final String CHECK_FLAG = "SELECT EXISTS (SELECT 1 FROM cancellation_flags WHERE run_id = ?)";

	private static final String CLEAR_FLAG = "DELETE FROM cancellation_flags WHERE run_id = ?";

	protected final JdbcClient jdbc;

	protected final Clock clock;

	public JdbcCancellationFlagRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public void set(String runId) {
		try {
			this.jdbc.sql(SET_FLAG).params(runId, SqlValues.timestamp(this.clock.instant())).update();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
				throw new NotFoundException("setCancellationFlag", "run", runId);
			}
			throw ex;
		}
	}

	public boolean isSet(String runId) {
		return Boolean.TRUE.equals(this.jdbc.sql(CHECK_FLAG).param(runId).query(Boolean.class).single());
	}

	public void clear(String runId) {
		this.jdbc.sql(CLEAR_FLAG).param(runId).update();
	}

}
