package dev.workflow.storage.citus;

import java.time.Clock;
import java.util.Optional;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.postgres.JdbcHookRepository;
import dev.workflow.storage.postgres.SqlFailures;
import dev.workflow.storage.postgres.UndecodableRows;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hooks SQL of PostgreSQL, with tokens kept unique across the cluster through
 * {@code hook_tokens} (distributed on the token, written in the hook's transaction), and token
 * lookups sent to the token's shard and then the hook's.
 *
 * @since 0.1.0
 */
public class CitusHookRepository extends JdbcHookRepository {

	private static final String INSERT_TOKEN = "INSERT INTO hook_tokens (token, run_id, hook_id) VALUES (?, ?, ?)";

	private static final String GET_TOKEN_HOLDER = "SELECT run_id, hook_id FROM hook_tokens WHERE token = ?";

	private static final String TOKEN_HELD = "SELECT 1 FROM hooks WHERE token = ? LIMIT 1";

	private static final String[] TOKEN_CONSTRAINTS = { "hook_tokens_pkey", "hooks_run_id_token_key" };

	private final TransactionTemplate transactions;

	public CitusHookRepository(JdbcClient jdbc, Clock clock, UndecodableRows undecodableRows,
			TransactionTemplate transactions) {
		super(jdbc, clock, undecodableRows);
		this.transactions = transactions;
	}

	@Override
	public void insert(Hook hook) {
		// pyworkflow's workers do not fill hook_tokens: a token one of their hooks holds is found
		// in hooks (across all shards), without reading the hook, which may hold a value we cannot
		// decode.
		if (this.jdbc.sql(TOKEN_HELD).param(hook.token()).query(Integer.class).optional().isPresent()) {
			throw new DuplicateIdException("createHook", "hook token", hook.token());
		}
		try {
			this.transactions.executeWithoutResult((transaction) -> {
				insertRow(hook);
				this.jdbc.sql(INSERT_TOKEN).params(hook.token(), hook.runId(), hook.hookId()).update();
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw translateInsertFailure(hook, ex);
		}
	}

	@Override
	protected RuntimeException translateInsertFailure(Hook hook, DataIntegrityViolationException ex) {
		if (SqlFailures.violates(ex, SqlFailures.UNIQUE_VIOLATION, TOKEN_CONSTRAINTS)) {
			return new DuplicateIdException("createHook", "hook token", hook.token());
		}
		return super.translateInsertFailure(hook, ex);
	}

	/**
	 * The hook holding a token: through {@code hook_tokens} (one shard, then the hook's), and for
	 * hooks that pyworkflow's Python workers wrote across all shards, where the earliest of several
	 * holds it.
	 */
	@Override
	public Optional<Hook> findByToken(String token) {
		Optional<Hook> registered = this.jdbc.sql(GET_TOKEN_HOLDER)
			.param(token)
			.query((rs, row) -> find(rs.getString("hook_id"), rs.getString("run_id")))
			.optional()
			.flatMap((hook) -> hook);
		return registered.isPresent() ? registered : super.findByToken(token);
	}

}
