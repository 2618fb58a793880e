package dev.workflow.storage.store;

/**
 * Where a backend keeps runs' cancellation flags. Arguments arrive checked; refusals are thrown
 * as {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface CancellationFlagStore {

	/**
	 * Sets the flag; setting it twice is not an error.
	 * @throws Rejection if the run does not exist
	 */
	void set(String runId);

	boolean isSet(String runId);

	void clear(String runId);

}
