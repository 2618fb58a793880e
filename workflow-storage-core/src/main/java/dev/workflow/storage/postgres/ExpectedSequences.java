package dev.workflow.storage.postgres;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The next sequence of each run this process appended to lately, so that the next append can be
 * a plain {@code INSERT ... VALUES}: Citus sends that straight to the run's worker, while an
 * {@code INSERT ... SELECT} is planned by the coordinator and its rows pass through it.
 *
 * <p>
 * An expectation never makes a gap: a run's next sequence is expected only after this process
 * saw the one before it committed, and events are never deleted but with their run. A stale
 * expectation (another process appended meanwhile) hits the unique ({@code run_id},
 * {@code sequence}) index and the append falls back to reading the run's highest sequence.
 * Appenders of one run in this process take turns, so they do not collide with each other.
 *
 * @since 0.1.0
 */
public final class ExpectedSequences {

	private static final int STRIPES = 256;

	private final int capacity;

	private final ConcurrentHashMap<String, Integer> next = new ConcurrentHashMap<>();

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	/**
	 * Expectations for up to {@code capacity} runs at once.
	 * @param capacity how many runs to remember; beyond it, the oldest are forgotten
	 */
	public ExpectedSequences(int capacity) {
		this.capacity = capacity;
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/**
	 * Runs {@code work} while no other appender of this process appends to the run.
	 * @param <T> the result's type
	 * @param runId the run
	 * @param work the append
	 * @return its result
	 */
	<T> T serialized(String runId, Supplier<T> work) {
		ReentrantLock lock = this.locks[Math.floorMod(runId.hashCode(), STRIPES)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * The sequence the run's next event is expected to get.
	 * @param runId the run
	 * @return the sequence, or {@code null} if none is known
	 */
	@Nullable Integer next(String runId) {
		return this.next.get(runId);
	}

	/**
	 * Records that the run's events up to {@code lastSequence} are committed.
	 * @param runId the run
	 * @param lastSequence the highest sequence appended
	 */
	void appended(String runId, int lastSequence) {
		if (this.next.size() >= this.capacity && !this.next.containsKey(runId)) {
			forgetSome();
		}
		this.next.put(runId, lastSequence + 1);
	}

	/**
	 * Drops the run's expectation, after it proved stale.
	 * @param runId the run
	 */
	void forget(String runId) {
		this.next.remove(runId);
	}

	// Keeping the most recent runs exactly is not worth a lock: dropping an arbitrary half costs
	// each dropped run one read of its highest sequence.
	private void forgetSome() {
		Iterator<String> runs = this.next.keySet().iterator();
		for (int i = 0; i < this.capacity / 2 && runs.hasNext(); i++) {
			runs.next();
			runs.remove();
		}
	}

}
