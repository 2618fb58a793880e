package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.store.HookStore;
import dev.workflow.storage.store.Rejection;
import org.jspecify.annotations.Nullable;

/**
 * Hooks in memory, keyed by run and hook id as the SQL table is, with an index by token.
 */
final class InMemoryHookStore implements HookStore {

	private static final Comparator<Hook> NEWEST_FIRST = Comparator.comparing(Hook::createdAt)
		.thenComparing(Hook::runId)
		.thenComparing(Hook::hookId)
		.reversed();

	private final Clock clock;

	private final InMemoryRunStore runs;

	private final Map<HookKey, Hook> hooks = new ConcurrentHashMap<>();

	private final Map<String, HookKey> hookKeysByToken = new ConcurrentHashMap<>();

	private final Object hookCreation = new Object();

	InMemoryHookStore(Clock clock, InMemoryRunStore runs) {
		this.clock = clock;
		this.runs = runs;
	}

	@Override
	public void insert(Hook hook) {
		this.runs.requireRun(hook.runId());
		HookKey key = new HookKey(hook.runId(), hook.hookId());
		synchronized (this.hookCreation) {
			if (this.hooks.containsKey(key)) {
				throw Rejection.duplicateId("hook", hook.hookId());
			}
			if (this.hookKeysByToken.containsKey(hook.token())) {
				throw Rejection.duplicateId("hook token", hook.token());
			}
			this.hooks.put(key, hook);
			this.hookKeysByToken.put(hook.token(), key);
		}
	}

	@Override
	public Optional<Hook> find(String hookId, @Nullable String runId) {
		return withId(hookId, runId).findFirst();
	}

	@Override
	public Optional<Hook> findByToken(String token) {
		HookKey key = this.hookKeysByToken.get(token);
		return (key != null) ? Optional.ofNullable(this.hooks.get(key)) : Optional.empty();
	}

	@Override
	public void updateStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		List<HookKey> keys = withId(hookId, runId).map((hook) -> new HookKey(hook.runId(), hookId)).toList();
		if (keys.isEmpty()) {
			throw Rejection.notFound("hook", hookId);
		}
		Instant now = this.clock.instant();
		for (HookKey key : keys) {
			this.hooks.computeIfPresent(key,
					(k, hook) -> new Hook(hook.hookId(), hook.runId(), hook.token(), hook.createdAt(),
							(status == HookStatus.RECEIVED) ? now : hook.receivedAt(), hook.expiresAt(), status,
							(payload != null) ? payload : hook.payload(), hook.metadata()));
		}
	}

	// Without a run id, the oldest hook with the id comes first, as in the SQL backends.
	private Stream<Hook> withId(String hookId, @Nullable String runId) {
		if (runId != null) {
			return Stream.ofNullable(this.hooks.get(new HookKey(runId, hookId)));
		}
		return this.hooks.values()
			.stream()
			.filter((hook) -> hook.hookId().equals(hookId))
			.sorted(Comparator.comparing(Hook::createdAt).thenComparing(Hook::runId));
	}

	@Override
	public List<Hook> list(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		return this.hooks.values()
			.stream()
			.filter((hook) -> (runId == null || hook.runId().equals(runId))
					&& (status == null || hook.status() == status))
			.sorted(NEWEST_FIRST)
			.skip(offset)
			.limit(limit)
			.toList();
	}

	/**
	 * Removes a run's hooks and their tokens.
	 * @return how many hooks it had
	 */
	int removeRun(String runId) {
		synchronized (this.hookCreation) {
			List<Hook> removed = this.hooks.values().stream().filter((hook) -> hook.runId().equals(runId)).toList();
			for (Hook hook : removed) {
				this.hooks.remove(new HookKey(runId, hook.hookId()));
				this.hookKeysByToken.remove(hook.token());
			}
			return removed.size();
		}
	}

	private record HookKey(String runId, String hookId) {
	}

}
