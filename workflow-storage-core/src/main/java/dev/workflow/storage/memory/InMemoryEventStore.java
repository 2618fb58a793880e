package dev.workflow.storage.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.store.EventStore;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;

/**
 * Event logs in memory. Each run's log is appended under that log's own lock, so appenders to
 * different runs never wait for each other.
 */
final class InMemoryEventStore implements EventStore {

	private final InMemoryRunStore runs;

	private final Map<String, List<Event>> eventLogs = new ConcurrentHashMap<>();

	private final Set<String> eventIds = ConcurrentHashMap.newKeySet();

	InMemoryEventStore(InMemoryRunStore runs) {
		this.runs = runs;
	}

	@Override
	public int append(Event event) {
		return appendAll(event.runId(), List.of(event)).get(0);
	}

	@Override
	public List<Integer> appendAll(String runId, List<Event> events) {
		this.runs.requireRun(runId);
		claimEventIds(events);
		List<Event> log = this.eventLogs.computeIfAbsent(runId, (id) -> new ArrayList<>());
		List<Integer> sequences = new ArrayList<>(events.size());
		synchronized (log) {
			for (Event event : events) {
				int sequence = log.size();
				log.add(event.withSequence(sequence));
				sequences.add(sequence);
			}
		}
		return sequences;
	}

	// Claims every id or none, so a failed batch leaves nothing behind.
	private void claimEventIds(List<Event> events) {
		List<String> claimed = new ArrayList<>(events.size());
		for (Event event : events) {
			if (!this.eventIds.add(event.eventId())) {
				this.eventIds.removeAll(claimed);
				throw Rejection.duplicateId("event", event.eventId());
			}
			claimed.add(event.eventId());
		}
	}

	@Override
	public List<Event> find(String runId, @Nullable Collection<String> types) {
		Set<String> wanted = (types != null && !types.isEmpty()) ? new HashSet<>(types) : null;
		return events(runId).filter((event) -> wanted == null || wanted.contains(event.type())).toList();
	}

	@Override
	public Optional<Event> findLatest(String runId, @Nullable String type) {
		List<Event> matching = events(runId).filter((event) -> type == null || type.equals(event.type())).toList();
		return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
	}

	@Override
	public boolean exists(String runId, String type, Map<String, String> dataFilters) {
		return events(runId).anyMatch((event) -> type.equals(event.type()) && dataFilters.entrySet()
			.stream()
			.allMatch((filter) -> filter.getValue().equals(JsonText.field(event.data(), filter.getKey()))));
	}

	/**
	 * Removes a run's log.
	 * @return how many events it held
	 */
	int removeRun(String runId) {
		List<Event> log = this.eventLogs.remove(runId);
		if (log == null) {
			return 0;
		}
		synchronized (log) {
			log.forEach((event) -> this.eventIds.remove(event.eventId()));
			return log.size();
		}
	}

	private Stream<Event> events(String runId) {
		List<Event> log = this.eventLogs.get(runId);
		if (log == null) {
			return Stream.empty();
		}
		synchronized (log) {
			return List.copyOf(log).stream();
		}
	}

}
