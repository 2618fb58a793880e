package dev.workflow.storage.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many runs were created in a window, by status.
 *
 * @param byStatus the count of each status, every status present (0 where none)
 * @param total every run of the window, those whose stored status this library cannot decode
 * included
 * @since 0.3.0
 */
public record RunCounts(Map<RunStatus, Long> byStatus, long total) {

	public RunCounts {
		EnumMap<RunStatus, Long> counts = new EnumMap<>(RunStatus.class);
		for (RunStatus status : RunStatus.values()) {
			counts.put(status, byStatus.getOrDefault(status, 0L));
		}
		byStatus = Collections.unmodifiableMap(counts);
	}

	/**
	 * The count of one status.
	 * @param status the status
	 * @return how many runs have it
	 */
	public long of(RunStatus status) {
		return this.byStatus.get(status);
	}

}
