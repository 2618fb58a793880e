package dev.workflow.storage.dashboard;

import java.time.Instant;

import dev.workflow.storage.model.WorkflowRun;

/**
 * A related run (parent, child, or a link of the continue-as-new chain) as a link.
 *
 * @param runId its id
 * @param href its page
 * @param workflowName its workflow
 * @param status its status badge
 * @param created when it was created
 * @param duration how long it ran
 * @param current whether it is the run the page shows
 */
record RunLink(String runId, String href, String workflowName, StatusBadge status, String created, String duration,
		boolean current) {

	static RunLink of(WorkflowRun run, DashboardLinks links, Instant now, String currentRunId) {
		return new RunLink(run.runId(), links.run(run.runId()), run.workflowName(), StatusBadge.of(run.status()),
				Times.shown(run.createdAt()),
				RunTimes.duration(run.status(), run.startedAt(), run.completedAt(), run.updatedAt(), now),
				run.runId().equals(currentRunId));
	}

}
