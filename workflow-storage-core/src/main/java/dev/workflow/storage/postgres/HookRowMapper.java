package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code hooks} row.
 */
final class HookRowMapper implements RowMapper<Hook> {

	static final HookRowMapper INSTANCE = new HookRowMapper();

	@Override
	public Hook mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Hook(rs.getString("hook_id"), rs.getString("run_id"), rs.getString("token"),
				SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "received_at"),
				SqlValues.instant(rs, "expires_at"), HookStatus.fromValue(rs.getString("status")),
				rs.getString("payload"), SqlValues.textOr(rs, "metadata", "{}"));
	}

}
