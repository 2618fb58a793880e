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

	// A step's id alone names it on PostgreSQL; on Citus its key is (run_id, step_id).
	private static final ColumnDecoder COLUMNS = new ColumnDecoder("steps", "run_id", "step_id");

	@Override
	public Step mapRow(ResultSet rs, int rowNum) throws SQLException {
		int attempt = SqlValues.intOr(rs, "retry_count", 1);
		return new Step(rs.getString("step_id"), rs.getString("run_id"), rs.getString("step_name"),
				COLUMNS.storedValue(rs, "status", StepStatus.class), SqlValues.instant(rs, "created_at"),
				SqlValues.instant(rs, "started_at"), SqlValues.instant(rs, "completed_at"),
				SqlValues.textOr(rs, "input_args", "[]"), SqlValues.textOr(rs, "input_kwargs", "{}"),
				rs.getString("result"), rs.getString("error"), (attempt != 0) ? attempt : 1);
	}

}
