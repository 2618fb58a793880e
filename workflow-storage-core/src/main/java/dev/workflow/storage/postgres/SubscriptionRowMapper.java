package dev.workflow.storage.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.support.JsonText;
import org.springframework.jdbc.core.RowMapper;

/**
 * Maps a {@code stream_subscriptions} row; its signal types are a {@code jsonb} array of strings.
 */
final class SubscriptionRowMapper implements RowMapper<StreamSubscription> {

	static final SubscriptionRowMapper INSTANCE = new SubscriptionRowMapper();

	static final String SUBSCRIPTION_COLUMNS = """
			stream_id, step_run_id, signal_types, status, stream_run_id, parent_run_id, parent_hook_token, result, \
			created_at""";

	private static final ColumnDecoder COLUMNS = new ColumnDecoder("stream_subscriptions", "stream_id", "step_run_id");

	@Override
	public StreamSubscription mapRow(ResultSet rs, int rowNum) throws SQLException {
		return new StreamSubscription(rs.getString("stream_id"), rs.getString("step_run_id"),
				COLUMNS.decode(rs, "signal_types", JsonText::stringList),
				COLUMNS.storedValue(rs, "status", SubscriptionStatus.class), rs.getString("stream_run_id"),
				rs.getString("parent_run_id"), rs.getString("parent_hook_token"), rs.getString("result"),
				SqlValues.instant(rs, "created_at"));
	}

}
