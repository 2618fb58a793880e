package dev.workflow.storage.postgres;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of {@code hooks}, whose primary key is ({@code run_id}, {@code hook_id}) and whose
 * tokens are unique.
 *
 * @since 0.1.0
 */
public class JdbcHookRepository {

	static final String HOOK_COLUMNS = """
			run_id, hook_id, token, created_at, received_at, expires_at, status, payload, metadata""";

	private static final String INSERT_HOOK = "INSERT INTO hooks (" + HOOK_COLUMNS
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String GET_HOOK_OF_RUN = "SELECT " + HOOK_COLUMNS
			+ " FROM hooks WHERE run_id = ? AND hook_id = ?";

	private static final String GET_HOOK = "SELECT " + HOOK_COLUMNS
			+ " FROM hooks WHERE hook_id = ? ORDER BY created_at, run_id LIMIT 1";

	// Citus lets pyworkflow's workers write one token twice: the earliest hook holds it.
	private static final String GET_HOOK_BY_TOKEN = "SELECT " + HOOK_COLUMNS
			+ " FROM hooks WHERE token = ? ORDER BY created_at, run_id, hook_id LIMIT 1";

	private static final String UPDATE_STATUS = """
			UPDATE hooks SET status = ?, payload = COALESCE(?, payload), received_at = COALESCE(?, received_at)
			WHERE hook_id = ?""";

	private static final String RUN_FILTER = " AND run_id = ?";

	private static final String LIST_HOOKS = "SELECT " + HOOK_COLUMNS + " FROM hooks";

	private static final String LIST_HOOKS_ORDER = " ORDER BY created_at DESC, run_id DESC, hook_id DESC LIMIT ? OFFSET ?";

	private static final String PRIMARY_KEY = "hooks_pkey";

	// pyworkflow declares the token UNIQUE (hooks_token_key) and adds idx_hooks_token too.
	private static final String[] TOKEN_CONSTRAINTS = { "hooks_token_key", "idx_hooks_token" };

	protected final JdbcClient jdbc;

	protected final Clock clock;

	private final UndecodableRows undecodableRows;

	public JdbcHookRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
	}

	public void insert(Hook hook) {
		try {
			insertRow(hook);
		}
		catch (DataIntegrityViolationException ex) {
			throw translateInsertFailure(hook, ex);
		}
	}

	/**
	 * The INSERT of a hook's row, without translating its failures.
	 * @param hook the hook
	 */
	protected void insertRow(Hook hook) {
		this.jdbc.sql(INSERT_HOOK)
			.params(hook.runId(), hook.hookId(), hook.token(), SqlValues.timestamp(hook.createdAt()),
					SqlValues.timestamp(hook.receivedAt()), SqlValues.timestamp(hook.expiresAt()),
					hook.status().value(), SqlValues.text(hook.payload()), hook.metadata())
			.update();
	}

	protected RuntimeException translateInsertFailure(Hook hook, DataIntegrityViolationException ex) {
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
			return new DuplicateIdException("createHook", "hook", hook.hookId());
		}
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, TOKEN_CONSTRAINTS)) {
			return new DuplicateIdException("createHook", "hook token", hook.token());
		}
		if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
			return new NotFoundException("createHook", "run", hook.runId());
		}
		return ex;
	}

	public Optional<Hook> find(String hookId, @Nullable String runId) {
		if (runId != null) {
			return this.jdbc.sql(GET_HOOK_OF_RUN).params(runId, hookId).query(HookRowMapper.INSTANCE).optional();
		}
		return this.jdbc.sql(GET_HOOK).param(hookId).query(HookRowMapper.INSTANCE).optional();
	}

	public Optional<Hook> findByToken(String token) {
		return this.jdbc.sql(GET_HOOK_BY_TOKEN).param(token).query(HookRowMapper.INSTANCE).optional();
	}

	public void updateStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		List<Object> params = new ArrayList<>(List.of(status.value(), SqlValues.text(payload),
				SqlValues.timestamp((status == HookStatus.RECEIVED) ? this.clock.instant() : null), hookId));
		String sql = UPDATE_STATUS;
		if (runId != null) {
			sql += RUN_FILTER;
			params.add(runId);
		}
		if (this.jdbc.sql(sql).params(params).update() == 0) {
			throw new NotFoundException("updateHookStatus", "hook", hookId);
		}
	}

	public List<Hook> list(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		SqlConditions sql = new SqlConditions(LIST_HOOKS);
		if (runId != null) {
			sql.and("run_id = ?", runId);
		}
		if (status != null) {
			sql.and("status = ?", status.value());
		}
		sql.then(LIST_HOOKS_ORDER, limit, offset);
		return this.undecodableRows.list("listHooks", this.jdbc.sql(sql.sql()).params(sql.params()),
				HookRowMapper.INSTANCE);
	}

}
