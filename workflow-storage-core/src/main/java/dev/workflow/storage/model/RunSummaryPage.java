package dev.workflow.storage.model;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@code listRunSummaries}: run summaries newest first and the cursor of the next
 * page, the same cursor {@code listRuns} takes.
 *
 * @param runs the runs on this page
 * @param nextCursor the cursor of the next page; absent on the last page
 * @since 0.3.0
 */
public record RunSummaryPage(List<RunSummary> runs, Optional<String> nextCursor) {

	public RunSummaryPage {
		runs = List.copyOf(runs);
	}

	/**
	 * A page with a cursor that may be absent.
	 * @param runs the runs on this page
	 * @param nextCursor the next cursor, or {@code null} on the last page
	 * @return the page
	 */
	public static RunSummaryPage of(List<RunSummary> runs, @Nullable String nextCursor) {
		return new RunSummaryPage(runs, Optional.ofNullable(nextCursor));
	}

}
