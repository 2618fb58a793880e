package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.ScheduledSignalStore;
import dev.workflow.storage.support.JsonText;
import dev.workflow.storage.support.ScheduledSignalIds;

/**
 * Signals to publish later, in memory.
 */
final class InMemoryScheduledSignalStore implements ScheduledSignalStore {

	private static final Comparator<ScheduledSignal> EARLIEST_FIRST = Comparator.comparing(ScheduledSignal::dueAt)
		.thenComparing(ScheduledSignal::id, Utf8Order.COMPARATOR);

	private final Clock clock;

	private final Map<String, ScheduledSignal> signals = new ConcurrentHashMap<>();

	InMemoryScheduledSignalStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String insert(NewScheduledSignal signal) {
		ScheduledSignal scheduled;
		do {
			scheduled = new ScheduledSignal(ScheduledSignalIds.next(), signal.streamId(), signal.signalType(),
					JsonText.jsonb(signal.payload()), signal.dueAt(), signal.streamRunId(),
					JsonText.jsonb(signal.metadata()), false, this.clock.instant());
		}
		while (this.signals.putIfAbsent(scheduled.id(), scheduled) != null);
		return scheduled.id();
	}

	@Override
	public List<ScheduledSignal> findDue(Instant now, int limit) {
		return this.signals.values()
			.stream()
			.filter((signal) -> !signal.delivered() && !signal.dueAt().isAfter(now))
			.sorted(EARLIEST_FIRST)
			.limit(limit)
			.toList();
	}

	/**
	 * Removes the delivered signals scheduled before {@code olderThan}.
	 * @return how many
	 */
	int removeDeliveredBefore(Instant olderThan) {
		int before = this.signals.size();
		this.signals.values().removeIf((signal) -> signal.delivered() && signal.createdAt().isBefore(olderThan));
		return before - this.signals.size();
	}

	@Override
	public boolean markDelivered(String id) {
		AtomicBoolean marked = new AtomicBoolean();
		ScheduledSignal signal = this.signals.computeIfPresent(id, (key, current) -> {
			marked.set(!current.delivered());
			return new ScheduledSignal(current.id(), current.streamId(), current.signalType(), current.payload(),
					current.dueAt(), current.streamRunId(), current.metadata(), true, current.createdAt());
		});
		if (signal == null) {
			throw Rejection.notFound("scheduled signal", id);
		}
		return marked.get();
	}

}
