package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.ScheduledSignal;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code scheduled_signals} row.
 */
final class ScheduledSignalRowMapper implements RowMapper<ScheduledSignal> {

	static final ScheduledSignalRowMapper INSTANCE = new ScheduledSignalRowMapper();

	static final String SCHEDULED_SIGNAL_COLUMNS = """
			id, stream_id, signal_type, payload, due_at, stream_run_id, metadata, delivered, created_at""";

	@Override
	public ScheduledSignal mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new ScheduledSignal(rs.getString("id"), rs.getString("stream_id"), rs.getString("signal_type"),
				SqlValues.textOr(rs, "payload", "{}"), SqlValues.instant(rs, "due_at"), rs.getString("stream_run_id"),
				SqlValues.textOr(rs, "metadata", "{}"), rs.getBoolean("delivered"), SqlValues.instant(rs, "created_at"));
	}

}
