package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps the summary columns of a {@code workflow_runs} row, which are pyworkflow's
 * {@code RUN_SUMMARY_COLUMNS}; columns pyworkflow declares nullable read as its defaults.
 */
final class RunSummaryRowMapper implements RowMapper<RunSummary> {

	static final RunSummaryRowMapper INSTANCE = new RunSummaryRowMapper();

	static final String SUMMARY_COLUMNS = """
			run_id, workflow_name, status, created_at, updated_at, started_at, completed_at, error, idempotency_key, \
			max_duration, recovery_attempts, max_recovery_attempts, recover_on_worker_loss, parent_run_id, \
			nesting_depth, continued_from_run_id, continued_to_run_id""";

	private static final ColumnDecoder COLUMNS = new ColumnDecoder("workflow_runs", "run_id");

	@Override
	public RunSummary mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new RunSummary(rs.getString("run_id"), rs.getString("workflow_name"),
				COLUMNS.storedValue(rs, "status", RunStatus.class), SqlValues.instant(rs, "created_at"),
				SqlValues.instant(rs, "updated_at"), SqlValues.instant(rs, "started_at"),
				SqlValues.instant(rs, "completed_at"), rs.getString("error"), rs.getString("idempotency_key"),
				rs.getString("max_duration"), SqlValues.intOr(rs, "recovery_attempts", 0),
				SqlValues.intOr(rs, "max_recovery_attempts", 3), SqlValues.booleanOr(rs, "recover_on_worker_loss", true),
				rs.getString("parent_run_id"), SqlValues.intOr(rs, "nesting_depth", 0),
				rs.getString("continued_from_run_id"), rs.getString("continued_to_run_id"));
	}

}
