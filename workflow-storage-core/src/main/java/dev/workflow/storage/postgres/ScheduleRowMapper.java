package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

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

	private static final ColumnDecoder COLUMNS = new ColumnDecoder("schedules", "schedule_id");

	@Override
	public Schedule mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Schedule(rs.getString("schedule_id"), rs.getString("workflow_name"),
				COLUMNS.decode(rs, "spec", ScheduleSpecJson::read),
				COLUMNS.storedValue(rs, "status", ScheduleStatus.class), SqlValues.textOr(rs, "input_args", "[]"),
				SqlValues.textOr(rs, "input_kwargs", "{}"),
				COLUMNS.storedValue(rs, "overlap_policy", OverlapPolicy.class), SqlValues.instant(rs, "next_run_time"),
				SqlValues.instant(rs, "last_run_time"), runningRunIds(rs), SqlValues.textOr(rs, "metadata", "{}"),
				SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "updated_at"),
				SqlValues.instant(rs, "paused_at"), SqlValues.instant(rs, "deleted_at"));
	}

	/**
	 * The running run ids of a row whose {@code schedule_id} and {@code running_run_ids} are
	 * selected.
	 */
	static List<String> runningRunIds(ResultSet rs) throws SQLException {
		return COLUMNS.decode(rs, "running_run_ids", JsonText::stringList);
	}

}
