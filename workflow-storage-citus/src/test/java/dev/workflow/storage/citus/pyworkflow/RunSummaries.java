package dev.workflow.storage.citus.pyworkflow;

import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.RunSummaryPage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our {@code listRunSummaries} against pyworkflow's {@code list_runs}, page by page through the
 * cursors, on every run in the database: the same runs in the same order, the same cursors, every
 * summary field the same.
 */
final class RunSummaries {

	// Small, so the fixtures' runs take several pages and the cursors are compared.
	private static final int PAGE_SIZE = 4;

	private RunSummaries() {
	}

	/**
	 * Pages through both, unfiltered and by status.
	 * @param database the shared database
	 * @param version a pyworkflow version that {@link PyworkflowVersion#listsRunSummaries() lists
	 * summaries}
	 * @return every difference
	 */
	static List<String> mismatches(SharedDatabase database, PyworkflowVersion version) {
		Mismatches mismatches = new Mismatches();
		WorkflowStorage storage = database.storage();
		for (RunStatus status : new RunStatus[] { null, RunStatus.RUNNING, RunStatus.COMPLETED }) {
			JsonNode theirs = version.driver()
				.run("list-runs", database.driverArguments("page_size", PAGE_SIZE, "status",
						(status != null) ? status.value() : null))
				.get("pages");
			List<RunSummaryPage> ours = ourPages(storage, status, mismatches);
			String label = "list_runs(status=" + status + ")";
			mismatches.check(label + " pages", theirs.size(), ours.size());
			for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
				comparePage(mismatches, label + " page " + i, theirs.get(i), ours.get(i));
			}
		}
		return mismatches.list();
	}

	private static List<RunSummaryPage> ourPages(WorkflowStorage storage, @Nullable RunStatus status,
			Mismatches mismatches) {
		List<RunSummaryPage> pages = new ArrayList<>();
		String cursor = null;
		do {
			RunFilter filter = RunFilter.all().withStatus(status).withLimit(PAGE_SIZE).withCursor(cursor);
			RunSummaryPage page = mismatches.guarded("listRunSummaries(" + filter + ")",
					() -> storage.listRunSummaries(filter));
			if (page == null) {
				break;
			}
			pages.add(page);
			cursor = page.nextCursor().orElse(null);
		}
		while (cursor != null);
		return pages;
	}

	private static void comparePage(Mismatches mismatches, String label, JsonNode theirs, RunSummaryPage ours) {
		List<String> theirIds = theirs.get("runs").valueStream().map((run) -> FixtureJson.text(run, "run_id")).toList();
		mismatches.check(label + " run ids", theirIds, ours.runs().stream().map(RunSummary::runId).toList());
		mismatches.check(label + " next cursor", FixtureJson.text(theirs, "next_cursor"), ours.nextCursor().orElse(null));
		for (int i = 0; i < Math.min(theirIds.size(), ours.runs().size()); i++) {
			mismatches.compare(label + " run " + theirIds.get(i), theirs.get("runs").get(i), summary(ours.runs().get(i)));
		}
	}

	private static ObjectNode summary(RunSummary run) {
		ObjectNode node = FixtureJson.object();
		node.put("run_id", run.runId());
		node.put("workflow_name", run.workflowName());
		node.put("status", run.status().value());
		node.put("created_at", FixtureJson.timestamp(run.createdAt()));
		node.put("updated_at", FixtureJson.timestamp(run.updatedAt()));
		node.put("started_at", FixtureJson.timestamp(run.startedAt()));
		node.put("completed_at", FixtureJson.timestamp(run.completedAt()));
		node.put("error", run.error());
		node.put("idempotency_key", run.idempotencyKey());
		node.put("max_duration", run.maxDuration());
		node.put("recovery_attempts", run.recoveryAttempts());
		node.put("max_recovery_attempts", run.maxRecoveryAttempts());
		node.put("recover_on_worker_loss", run.recoverOnWorkerLoss());
		node.put("parent_run_id", run.parentRunId());
		node.put("nesting_depth", run.nestingDepth());
		node.put("continued_from_run_id", run.continuedFromRunId());
		node.put("continued_to_run_id", run.continuedToRunId());
		return node;
	}

}
