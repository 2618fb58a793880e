package dev.workflow.storage.postgres;

import java.util.List;

/**
 * Tables that keep a key unique across a cluster whose sharded tables cannot: Citus enforces a
 * unique constraint only with the distribution column in it, so an idempotency key (runs are
 * distributed on {@code run_id}) and a hook token need a table distributed on the key, written in
 * the same transaction. Such a cluster has no foreign key from a run to its parent either, so the
 * insert's transaction checks the parent itself.
 *
 * <p>
 * pyworkflow's workers do not fill these tables: a key or token their rows hold is still found
 * in the rows themselves.
 *
 * @param insertIdempotencyKey registers a key; parameters: key, run id
 * @param findIdempotencyKeyHolder the run id registered for a key; parameter: key
 * @param idempotencyKeyConstraints the constraints a duplicate key violates
 * @param insertHookToken registers a token; parameters: token, run id, hook id
 * @param findHookTokenHolder the run id and hook id ({@code run_id}, {@code hook_id})
 * registered for a token; parameter: token
 * @param hookTokenConstraints the constraints a duplicate token violates
 * @param deleteIdempotencyKeys deletes the keys of deleted runs; parameters: text arrays of keys
 * and of run ids
 * @param deleteHookTokens deletes the tokens of deleted hooks; parameters: text arrays of tokens
 * and of run ids
 * @since 0.2.0
 */
public record KeyTables(String insertIdempotencyKey, String findIdempotencyKeyHolder,
		List<String> idempotencyKeyConstraints, String insertHookToken, String findHookTokenHolder,
		List<String> hookTokenConstraints, String deleteIdempotencyKeys, String deleteHookTokens) {

	public KeyTables {
		idempotencyKeyConstraints = List.copyOf(idempotencyKeyConstraints);
		hookTokenConstraints = List.copyOf(hookTokenConstraints);
	}

}
