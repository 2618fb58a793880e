package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code steps} row; {@code retry_count} holds the attempt number, 1 when unset.
 */
final class StepRowMapper implements RowMapper<Step> {

	static final StepRowMapper INSTANCE = new StepRowMapper();

	@Override
	public Step mapRow(ResultSet rs, int rowNum) throws SQLException {
		int attempt = SqlValues.intOr(rs, "retry_count", 1);
		return new Step(rs.getString("step_id"), rs.getString("run_id"), rs.getString("step_name"),
				StepStatus.fromValue(rs.getString("status")), SqlValues.instant(rs, "created_at"),
				SqlValues.instant(rs, "started_at"), SqlValues.instant(rs, "completed_at"),
				SqlValues.textOr(rs, "input_args", "[]"), SqlValues.textOr(rs, "input_kwargs", "{}"),
				rs.getString("result"), rs.getString("error"), (attempt != 0) ? attempt : 1);
	}

}
