package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.Signal;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code signals} row; pyworkflow's stream run id of signals of no stream run reads as
 * none.
 */
final class SignalRowMapper implements RowMapper<Signal> {

	static final SignalRowMapper INSTANCE = new SignalRowMapper();

	static final String SIGNAL_COLUMNS = """
			signal_id, stream_id, stream_run_id, sequence, signal_type, payload, published_at, source_run_id, metadata""";

	@Override
	public Signal mapRow(ResultSet rs, int rowNum) throws SQLException {
		String streamRunId = rs.getString("stream_run_id");
		return new Signal(rs.getString("signal_id"), rs.getString("stream_id"),
				Signal.PYWORKFLOW_NO_STREAM_RUN.equals(streamRunId) ? null : streamRunId, rs.getInt("sequence"),
				rs.getString("signal_type"), SqlValues.textOr(rs, "payload", "{}"), SqlValues.instant(rs, "published_at"),
				rs.getString("source_run_id"), SqlValues.textOr(rs, "metadata", "{}"));
	}

}
