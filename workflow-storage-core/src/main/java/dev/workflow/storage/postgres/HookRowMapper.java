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

	private static final ColumnDecoder COLUMNS = new ColumnDecoder("hooks", "run_id", "hook_id");

	@Override
	public Hook mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new Hook(rs.getString("hook_id"), rs.getString("run_id"), rs.getString("token"),
				SqlValues.instant(rs, "created_at"), SqlValues.instant(rs, "received_at"),
				SqlValues.instant(rs, "expires_at"), COLUMNS.storedValue(rs, "status", HookStatus.class),
				rs.getString("payload"), SqlValues.textOr(rs, "metadata", "{}"));
	}

}
