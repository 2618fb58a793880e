package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.Event;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps an {@code events} row.
 */
final class EventRowMapper implements RowMapper<Event> {

	static final EventRowMapper INSTANCE = new EventRowMapper();

	@Override
	public Event mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Event(rs.getString("event_id"), rs.getString("run_id"), rs.getInt("sequence"),
				rs.getString("type"), SqlValues.instant(rs, "timestamp"), SqlValues.textOr(rs, "data", "{}"));
	}

}
