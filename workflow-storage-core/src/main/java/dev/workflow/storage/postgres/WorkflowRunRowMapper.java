package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code workflow_runs} row; columns pyworkflow declares nullable read as its defaults.
 */
final class WorkflowRunRowMapper implements RowMapper<WorkflowRun> {

	static final WorkflowRunRowMapper INSTANCE = new WorkflowRunRowMapper();

	private static final ColumnDecoder COLUMNS = new ColumnDecoder("workflow_runs", "run_id");

	@Override
	public WorkflowRun mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new WorkflowRun(rs.getString("run_id"), rs.getString("workflow_name"),
				COLUMNS.storedValue(rs, "status", RunStatus.class), SqlValues.instant(rs, "created_at"),
				SqlValues.instant(rs, "updated_at"), SqlValues.instant(rs, "started_at"),
				SqlValues.instant(rs, "completed_at"), SqlValues.textOr(rs, "input_args", "[]"),
				SqlValues.textOr(rs, "input_kwargs", "{}"), rs.getString("result"), rs.getString("error"),
				rs.getString("idempotency_key"), rs.getString("max_duration"), SqlValues.textOr(rs, "metadata", "{}"),
				SqlValues.intOr(rs, "recovery_attempts", 0), SqlValues.intOr(rs, "max_recovery_attempts", 3),
				SqlValues.booleanOr(rs, "recover_on_worker_loss", true), rs.getString("parent_run_id"),
				SqlValues.intOr(rs, "nesting_depth", 0), rs.getString("continued_from_run_id"),
				rs.getString("continued_to_run_id"));
	}

}
