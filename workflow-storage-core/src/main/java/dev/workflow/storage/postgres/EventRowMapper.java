package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import dev.workflow.storage.model.Event;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps an {@code events} row selected with {@link JdbcEventRepository#EVENT_COLUMNS}.
 *
 * <p>
 * It reads columns by position, not by name: a run's log is read whole and can be long, and a
 * name lookup per column per row cost 14% of {@code getEvents} for 1,000 events (see
 * BENCHMARKS.md).
 */
final class EventRowMapper implements RowMapper<Event> {

	static final EventRowMapper INSTANCE = new EventRowMapper();

	@Override
	public Event mapRow(ResultSet rs, int rowNum) throws SQLException {
		String data = rs.getString(6);
		return new Event(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
				SqlValues.instant(rs.getObject(5, OffsetDateTime.class)), (data != null) ? data : "{}");
	}

}
