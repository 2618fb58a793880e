package dev.workflow.storage.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.workflow.storage.model.Event;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps each run's append-only event log. Arguments arrive checked; refusals are
 * thrown as {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface EventStore {

	/**
	 * Appends an event at its run's next sequence.
	 * @return the sequence
	 * @throws Rejection if the run does not exist or the event id is taken
	 */
	int append(Event event);

	/**
	 * Appends events of one run at consecutive sequences, all or none.
	 * @return their sequences, in the events' order
	 * @throws Rejection if the run does not exist or an event id is taken
	 */
	List<Integer> appendAll(String runId, List<Event> events);

	/**
	 * A run's events in sequence order, of the given types or all.
	 */
	List<Event> find(String runId, @Nullable Collection<String> types);

	Optional<Event> findLatest(String runId, @Nullable String type);

	/**
	 * Whether the run has an event of the type whose data has every given top-level field value.
	 */
	boolean exists(String runId, String type, Map<String, String> dataFilters);

}
