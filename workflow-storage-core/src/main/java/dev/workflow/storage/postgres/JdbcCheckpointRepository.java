package dev.workflow.storage.postgres;

import java.time.Clock;
import java.util.Optional;

import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.store.CheckpointStore;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code checkpoints}: one row per stream step, saved over in one statement.
 *
 * @since 0.3.0
 */
public final class JdbcCheckpointRepository implements CheckpointStore {

	private static final String SAVE_CHECKPOINT = """
			INSERT INTO checkpoints (step_run_id, data, created_at, updated_at) VALUES (?, ?::jsonb, ?, ?)
			ON CONFLICT (step_run_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at""";

	private static final String GET_CHECKPOINT = """
			SELECT step_run_id, data, created_at, updated_at FROM checkpoints WHERE step_run_id = ?""";

	private static final String DELETE_CHECKPOINT = "DELETE FROM checkpoints WHERE step_run_id = ?";

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * A repository.
	 * @param jdbc the client
	 * @param clock the clock every change takes its time from
	 */
	public JdbcCheckpointRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void save(String stepRunId, String data) {
		var now = SqlValues.timestamp(this.clock.instant());
		this.jdbc.sql(SAVE_CHECKPOINT).params(stepRunId, data, now, now).update();
	}

	@Override
	public Optional<Checkpoint> find(String stepRunId) {
		return this.jdbc.sql(GET_CHECKPOINT)
			.param(stepRunId)
			.query((rs, rowNum) -> new Checkpoint(rs.getString("step_run_id"), rs.getString("data"),
					SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at")))
			.optional();
	}

	@Override
	public void delete(String stepRunId) {
		this.jdbc.sql(DELETE_CHECKPOINT).param(stepRunId).update();
	}

}
