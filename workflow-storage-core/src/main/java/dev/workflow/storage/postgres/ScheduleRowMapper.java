package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.OverlapPolicy;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.support.JsonText;
import dev.workflow.storage.support.ScheduleSpecJson;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code schedules} row; the spec and the running run ids are JSON text.
 */
final class ScheduleRowMapper implements RowMapper<Schedule> {

	static final ScheduleRowMapper INSTANCE = new ScheduleRowMapper();

	@Override
	public Schedule mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Schedule(rs.getString("schedule_id"), rs.getString("workflow_name"),
				ScheduleSpecJson.read(rs.getString("spec")), ScheduleStatus.fromValue(rs.getString("status")),
				SqlValues.textOr(rs, "input_args", "[]"), SqlValues.textOr(rs, "input_kwargs", "{}"),
				OverlapPolicy.fromValue(rs.getString("overlap_policy")), SqlValues.instant(rs, "next_run_time"),
				SqlValues.instant(rs, "last_run_time"), JsonText.stringList(rs.getString("running_run_ids")),
				SqlValues.textOr(rs, "metadata", "{}"), SqlValues.instant(rs, "created_at"),
				SqlValues.instant(rs, "updated_at"), SqlValues.instant(rs, "paused_at"),
				SqlValues.instant(rs, "deleted_at"));
	}

}
