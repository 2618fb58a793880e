package dev.workflow.storage.memory;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.store.Stores;
import dev.workflow.storage.store.ValidatingWorkflowStorage;

/**
 * A thread-safe {@link WorkflowStorage} held in memory: the embedded default, for development
 * and tests. Nothing survives the process.
 *
 * <p>
 * It behaves as the PostgreSQL backend does, down to the checks its foreign keys make (an event,
 * step, hook or cancellation flag needs its run) and the order of every listing.
 *
 * @since 0.1.0
 */
public final class InMemoryWorkflowStorage extends ValidatingWorkflowStorage {

	/**
	 * The backend's name.
	 */
	public static final String BACKEND = "memory";

	public InMemoryWorkflowStorage() {
		this(Clock.systemUTC());
	}

	/**
	 * A store that takes the time of every change from {@code clock}.
	 * @param clock the clock
	 */
	public InMemoryWorkflowStorage(Clock clock) {
		this(clock, EventTypes.pyworkflow());
	}

	/**
	 * A store that takes the time of every change from {@code clock} and records the given event
	 * types.
	 * @param clock the clock
	 * @param eventTypes the event types it records
	 */
	public InMemoryWorkflowStorage(Clock clock, EventTypes eventTypes) {
		super(stores(Objects.requireNonNull(clock, "clock")), eventTypes);
	}

	private static Stores stores(Clock clock) {
		InMemoryRunStore runs = new InMemoryRunStore(clock);
		InMemoryEventStore events = new InMemoryEventStore(runs);
		InMemoryStepStore steps = new InMemoryStepStore(clock, runs);
		InMemoryHookStore hooks = new InMemoryHookStore(clock, runs);
		InMemoryCancellationFlagStore flags = new InMemoryCancellationFlagStore(clock, runs);
		InMemoryScheduleStore schedules = new InMemoryScheduleStore(clock);
		InMemoryStreamStore streams = new InMemoryStreamStore(clock);
		InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(clock);
		InMemoryScheduledSignalStore scheduledSignals = new InMemoryScheduledSignalStore(clock);
		InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore(clock);
		return new Stores(BACKEND, runs, events, steps, hooks, flags, schedules, streams, subscriptions,
				scheduledSignals, checkpoints, new InMemoryRetentionStore(runs, events, steps, hooks, flags, checkpoints,
						streams, subscriptions, scheduledSignals, schedules),
				() -> StorageHealth.up(Map.of()));
	}

}
