package dev.workflow.storage.postgres;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.Operation;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.SubscriptionStore;
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code stream_subscriptions}. Every statement names the stream, the table's
 * distribution column on Citus, so each goes to one shard there.
 *
 * @since 0.3.0
 */
public final class JdbcSubscriptionRepository implements SubscriptionStore {

	private static final String REGISTER = """
			INSERT INTO stream_subscriptions (stream_id, step_run_id, signal_types, status, stream_run_id, created_at)
			VALUES (?, ?, ?::jsonb, ?, ?, ?)
			ON CONFLICT (stream_id, step_run_id) DO UPDATE
			SET signal_types = EXCLUDED.signal_types, status = EXCLUDED.status, stream_run_id = EXCLUDED.stream_run_id""";

	private static final String GET_SUBSCRIPTION = "SELECT " + SubscriptionRowMapper.SUBSCRIPTION_COLUMNS
			+ " FROM stream_subscriptions WHERE stream_id = ? AND step_run_id = ?";

	private static final String LIST_SUBSCRIPTIONS = "SELECT " + SubscriptionRowMapper.SUBSCRIPTION_COLUMNS
			+ " FROM stream_subscriptions WHERE stream_id = ? ORDER BY created_at, step_run_id COLLATE \"C\"";

	private static final String LIST_SUBSCRIPTIONS_OF_STREAM_RUN = "SELECT " + SubscriptionRowMapper.SUBSCRIPTION_COLUMNS
			+ " FROM stream_subscriptions WHERE stream_id = ? AND stream_run_id = ?"
			+ " ORDER BY created_at, step_run_id COLLATE \"C\"";

	private static final String UPDATE_STATUS = """
			UPDATE stream_subscriptions SET status = ? WHERE stream_id = ? AND step_run_id = ?""";

	private static final String UPDATE_RESULT = """
			UPDATE stream_subscriptions SET result = ?::jsonb WHERE stream_id = ? AND step_run_id = ?""";

	private static final String LINK = """
			UPDATE stream_subscriptions SET parent_run_id = ?, parent_hook_token = ?
			WHERE stream_id = ? AND stream_run_id = ?""";

	private static final String GET_LINK = """
			SELECT parent_run_id, parent_hook_token FROM stream_subscriptions
			WHERE stream_id = ? AND stream_run_id = ? AND parent_run_id IS NOT NULL AND parent_hook_token IS NOT NULL
			ORDER BY created_at, step_run_id COLLATE "C" LIMIT 1""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final UndecodableRows undecodableRows;

	/**
	 * A repository.
	 * @param jdbc the client
	 * @param clock the clock every change takes its time from
	 * @param undecodableRows what listings skip
	 */
	public JdbcSubscriptionRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
	}

	@Override
	public void register(String streamId, String stepRunId, List<String> signalTypes, @Nullable String streamRunId) {
		this.jdbc.sql(REGISTER)
			.params(streamId, stepRunId, JsonText.stringArray(signalTypes), SubscriptionStatus.WAITING.value(),
					SqlValues.text(streamRunId), SqlValues.timestamp(this.clock.instant()))
			.update();
	}

	@Override
	public Optional<StreamSubscription> find(String streamId, String stepRunId) {
		return this.jdbc.sql(GET_SUBSCRIPTION).params(streamId, stepRunId).query(SubscriptionRowMapper.INSTANCE).optional();
	}

	@Override
	public List<StreamSubscription> list(String streamId, @Nullable String streamRunId) {
		JdbcClient.StatementSpec statement = (streamRunId != null)
				? this.jdbc.sql(LIST_SUBSCRIPTIONS_OF_STREAM_RUN).params(streamId, streamRunId)
				: this.jdbc.sql(LIST_SUBSCRIPTIONS).param(streamId);
		return this.undecodableRows.list(Operation.GET_SUBSCRIPTION_STATES, statement, SubscriptionRowMapper.INSTANCE);
	}

	@Override
	public void updateStatus(String streamId, String stepRunId, SubscriptionStatus status) {
		requireUpdated(stepRunId, this.jdbc.sql(UPDATE_STATUS).params(status.value(), streamId, stepRunId).update());
	}

	@Override
	public void updateResult(String streamId, String stepRunId, String result) {
		requireUpdated(stepRunId, this.jdbc.sql(UPDATE_RESULT).params(result, streamId, stepRunId).update());
	}

	@Override
	public int link(String streamId, String streamRunId, StreamParentLink link) {
		return this.jdbc.sql(LINK).params(link.parentRunId(), link.parentHookToken(), streamId, streamRunId).update();
	}

	@Override
	public Optional<StreamParentLink> findLink(String streamId, String streamRunId) {
		return this.jdbc.sql(GET_LINK)
			.params(streamId, streamRunId)
			.query((rs, rowNum) -> new StreamParentLink(rs.getString("parent_run_id"), rs.getString("parent_hook_token")))
			.optional();
	}

	private static void requireUpdated(String stepRunId, int updated) {
		if (updated == 0) {
			throw Rejection.notFound("subscription of step run", stepRunId);
		}
	}

}
