package dev.workflow.storage.dashboard;

import java.time.Instant;

import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

/**
 * A run as a list shows it: one line, its error cut to its first line.
 *
 * @param runId the run's id
 * @param href the run's page
 * @param workflowName the workflow's name
 * @param status the status badge
 * @param created when it was created
 * @param createdIso the same in ISO-8601
 * @param started when it started, or empty
 * @param duration how long it ran (or has run), or empty
 * @param error the first line of its error, cut, or {@code null}
 */
record RunRow(String runId, String href, String workflowName, StatusBadge status, String created, String createdIso,
		String started, String duration, @Nullable String error) {

	// An error in a list is a hint; the run's page has all of it.
	private static final int ERROR_SHOWN = 160;

	static RunRow of(RunSummary run, DashboardLinks links, Instant now) {
		return new RunRow(run.runId(), links.run(run.runId()), run.workflowName(), StatusBadge.of(run.status()),
				Times.shown(run.createdAt()), Times.iso(run.createdAt()), Times.shown(run.startedAt()),
				RunTimes.duration(run.status(), run.startedAt(), run.completedAt(), run.updatedAt(), now),
				firstLine(run.error()));
	}

	static RunRow of(WorkflowRun run, DashboardLinks links, Instant now) {
		return of(RunSummary.of(run), links, now);
	}

	private static @Nullable String firstLine(@Nullable String error) {
		if (error == null || error.isBlank()) {
			return null;
		}
		String line = error.strip().lines().findFirst().orElse("");
		return (line.length() > ERROR_SHOWN) ? line.substring(0, ERROR_SHOWN) + "…" : line;
	}

}
