package dev.workflow.storage.store;

import java.time.Instant;
import java.util.List;

import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.ScheduledSignal;

/**
 * Where a backend keeps signals to publish later. Arguments arrive checked; refusals are thrown
 * as {@link Rejection}s.
 *
 * @since 0.3.0
 */
public interface ScheduledSignalStore {

	/**
	 * @return the id it gave the signal
	 */
	String insert(NewScheduledSignal signal);

	/**
	 * Undelivered signals due at or before {@code now}, earliest first (then by id).
	 */
	List<ScheduledSignal> findDue(Instant now, int limit);

	/**
	 * Marks a signal delivered if it is not.
	 * @return whether this call did
	 * @throws Rejection if the signal does not exist
	 */
	boolean markDelivered(String id);

}
