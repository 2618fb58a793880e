package dev.workflow.storage.postgres;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.Operation;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.store.HookStore;
import dev.workflow.storage.store.Rejection;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of {@code hooks}, whose primary key is ({@code run_id}, {@code hook_id}) and whose
 * tokens are unique.
 *
 * @since 0.1.0
 */
public final class JdbcHookRepository implements HookStore {

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

	private static final String OF_RUN = "run_id = ?";

	private static final String HAS_STATUS = "status = ?";

	private static final String LIST_HOOKS_ORDER = " ORDER BY created_at DESC, run_id DESC, hook_id DESC LIMIT ? OFFSET ?";

	private static final String PRIMARY_KEY = "hooks_pkey";

	// pyworkflow declares the token UNIQUE (hooks_token_key) and adds idx_hooks_token too.
	private static final List<String> TOKEN_CONSTRAINTS = List.of("hooks_token_key", "idx_hooks_token");

	private static final String TOKEN_HELD = "SELECT 1 FROM hooks WHERE token = ? LIMIT 1";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final UndecodableRows undecodableRows;

	private final @Nullable KeyTables keyTables;

	private final TransactionTemplate transactions;

	private final String[] tokenConstraints;

	/**
	 * A repository.
	 * @param jdbc the client
	 * @param clock the clock every change takes its time from
	 * @param undecodableRows what listings skip
	 * @param keyTables the dialect's key tables, or {@code null} where constraints keep tokens unique
	 * @param transactions the transactions of a hook's insert with its token
	 */
	public JdbcHookRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows,
			@Nullable KeyTables keyTables, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.undecodableRows = undecodableRows;
		this.keyTables = keyTables;
		this.transactions = transactions;
		List<String> tokenConstraints = new ArrayList<>(TOKEN_CONSTRAINTS);
		if (keyTables != null) {
			tokenConstraints.addAll(keyTables.hookTokenConstraints());
		}
		this.tokenConstraints = tokenConstraints.toArray(String[]::new);
	}

	@Override
	public void insert(Hook hook) {
		KeyTables keyTables = this.keyTables;
		try {
			if (keyTables == null) {
				insertRow(hook);
			}
			else {
				insertWithToken(hook, keyTables);
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw translateInsertFailure(hook, ex);
		}
	}

	private void insertWithToken(Hook hook, KeyTables keyTables) {
		// pyworkflow's workers do not fill the token table: a token one of their hooks holds is found
		// in hooks (across all shards), without reading the hook, which may hold a value we cannot
		// decode.
		if (this.jdbc.sql(TOKEN_HELD).param(hook.token()).query(Integer.class).optional().isPresent()) {
			throw Rejection.duplicateId("hook token", hook.token());
		}
		this.transactions.executeWithoutResult((transaction) -> {
			insertRow(hook);
			this.jdbc.sql(keyTables.insertHookToken()).params(hook.token(), hook.runId(), hook.hookId()).update();
		});
	}

	private void insertRow(Hook hook) {
		this.jdbc.sql(INSERT_HOOK)
			.params(hook.runId(), hook.hookId(), hook.token(), SqlValues.timestamp(hook.createdAt()),
					SqlValues.timestamp(hook.receivedAt()), SqlValues.timestamp(hook.expiresAt()),
					hook.status().value(), SqlValues.text(hook.payload()), hook.metadata())
			.update();
	}

	private RuntimeException translateInsertFailure(Hook hook, DataIntegrityViolationException ex) {
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, PRIMARY_KEY)) {
			return Rejection.duplicateId("hook", hook.hookId());
		}
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, this.tokenConstraints)) {
			return Rejection.duplicateId("hook token", hook.token());
		}
		if (SqlFailures.violates(ex, SqlFailures.FOREIGN_KEY_VIOLATION)) {
			return Rejection.notFound("run", hook.runId());
		}
		return ex;
	}

	@Override
	public Optional<Hook> find(String hookId, @Nullable String runId) {
		if (runId != null) {
			return this.jdbc.sql(GET_HOOK_OF_RUN).params(runId, hookId).query(HookRowMapper.INSTANCE).optional();
		}
		return this.jdbc.sql(GET_HOOK).param(hookId).query(HookRowMapper.INSTANCE).optional();
	}

	/**
	 * The hook holding a token. With key tables: through the token table (one shard, then the
	 * hook's), and for hooks that pyworkflow's workers wrote across all shards, where the earliest
	 * of several holds it.
	 */
	@Override
	public Optional<Hook> findByToken(String token) {
		Optional<Hook> registered = (this.keyTables != null) ? this.jdbc.sql(this.keyTables.findHookTokenHolder())
			.param(token)
			.query((rs, row) -> find(rs.getString("hook_id"), rs.getString("run_id")))
			.optional()
			.flatMap((hook) -> hook) : Optional.empty();
		return registered.isPresent() ? registered
				: this.jdbc.sql(GET_HOOK_BY_TOKEN).param(token).query(HookRowMapper.INSTANCE).optional();
	}

	@Override
	public void updateStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		List<Object> params = new ArrayList<>(List.of(status.value(), SqlValues.text(payload),
				SqlValues.timestamp((status == HookStatus.RECEIVED) ? this.clock.instant() : null), hookId));
		String sql = UPDATE_STATUS;
		if (runId != null) {
			sql += RUN_FILTER;
			params.add(runId);
		}
		if (this.jdbc.sql(sql).params(params).update() == 0) {
			throw Rejection.notFound("hook", hookId);
		}
	}

	@Override
	public List<Hook> list(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		SqlConditions sql = new SqlConditions(LIST_HOOKS);
		if (runId != null) {
			sql.and(OF_RUN, runId);
		}
		if (status != null) {
			sql.and(HAS_STATUS, status.value());
		}
		sql.then(LIST_HOOKS_ORDER, limit, offset);
		return this.undecodableRows.list(Operation.LIST_HOOKS, this.jdbc.sql(sql.sql()).params(sql.params()),
				HookRowMapper.INSTANCE);
	}

}
