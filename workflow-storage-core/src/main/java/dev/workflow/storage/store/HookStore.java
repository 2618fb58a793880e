package dev.workflow.storage.store;

import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps hooks. Arguments arrive checked; refusals are thrown as
 * {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface HookStore {

	/**
	 * @throws Rejection if the hook id or token is taken, or its run does not exist
	 */
	void insert(Hook hook);

	/**
	 * A hook by id, in the given run or (the earliest) in any.
	 */
	Optional<Hook> find(String hookId, @Nullable String runId);

	/**
	 * The hook holding a token: where several do (written by other clients), the earliest.
	 */
	Optional<Hook> findByToken(String token);

	/**
	 * @throws Rejection if the hook does not exist
	 */
	void updateStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId);

	/**
	 * A page of hooks, newest first.
	 */
	List<Hook> list(@Nullable String runId, @Nullable HookStatus status, int limit, int offset);

}
