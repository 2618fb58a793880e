package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.workflow.storage.store.CancellationFlagStore;

/**
 * Cancellation flags in memory, with the time each was set, as the table keeps it.
 */
final class InMemoryCancellationFlagStore implements CancellationFlagStore {

	private final Clock clock;

	private final InMemoryRunStore runs;

	private final Map<String, Instant> flags = new ConcurrentHashMap<>();

	InMemoryCancellationFlagStore(Clock clock, InMemoryRunStore runs) {
		this.clock = clock;
		this.runs = runs;
	}

	@Override
	public void set(String runId) {
		this.runs.requireRun(runId);
		this.flags.putIfAbsent(runId, this.clock.instant());
	}

	@Override
	public boolean isSet(String runId) {
		return this.flags.containsKey(runId);
	}

	/**
	 * Removes a run's flag.
	 * @return whether it had one
	 */
	boolean removeRun(String runId) {
		return this.flags.remove(runId) != null;
	}

	@Override
	public void clear(String runId) {
		this.flags.remove(runId);
	}

}
