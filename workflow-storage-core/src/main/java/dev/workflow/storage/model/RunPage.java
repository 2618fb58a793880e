package dev.workflow.storage.model;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code listRuns}: runs newest first and the cursor of the next page.
 *
 * @param runs the runs on this page
 * @param nextCursor the cursor of the next page; absent on the last page
 * @since 0.1.0
 */
public record RunPage(List<WorkflowRun> runs, Optional<String> nextCursor) {

	public RunPage {
		runs = List.copyOf(runs);
	}

	/**
	 * A page with a cursor that may be absent.
	 * @param runs the runs on this page
	 * @param nextCursor the next cursor, or {@code null} on the last page
	 * @return the page
	 */
	public static RunPage of(List<WorkflowRun> runs, @Nullable String nextCursor) {
		return new RunPage(runs, Optional.ofNullable(nextCursor));
	}

}
