package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A run's page: its header, input, result and context, its parent, children and continue-as-new
 * chain, its steps, hooks and cancellation flag, and a page of its event timeline.
 */
final class RunPage {

	/**
	 * Children and hooks a page lists; the rest are counted.
	 */
	static final int RELATED_SHOWN = 200;

	private final WorkflowStorage storage;

	private final Pages pages;

	private final Clock clock;

	RunPage(WorkflowStorage storage, Pages pages, Clock clock) {
		this.storage = storage;
		this.pages = pages;
		this.clock = clock;
	}

	ServerResponse render(ServerRequest request) {
		String runId = Params.requiredId(request, "id");
		List<String> types = Params.all(request, "type");
		Integer from = Params.integer(request, "from", 0, Integer.MAX_VALUE);
		WorkflowRun run = RunLookup.require(this.storage, runId);
		DashboardLinks links = this.pages.links(request);
		Instant now = this.clock.instant();
		boolean flagged = this.storage.checkCancellationFlag(runId);

		Map<String, Object> values = new HashMap<>();
		values.put("run", RunHeader.of(run, links, now));
		values.put("inputArgs", ShownValue.json(run.inputArgs(), links.runValue(runId, "input_args")));
		values.put("inputKwargs", ShownValue.json(run.inputKwargs(), links.runValue(runId, "input_kwargs")));
		values.put("result", ShownValue.jsonOrNull(run.result(), links.runValue(runId, "result")));
		values.put("context", ShownValue.json(run.context(), links.runValue(runId, "context")));
		values.put("cancellationRequested", flagged);
		values.put("canCancel", !this.pages.settings().readOnly() && !run.status().hasEnded());
		values.put("cancelHref", links.cancelRun());
		putRelations(values, run, links, now);
		values.put("steps", this.storage.listSteps(runId).stream().map((step) -> StepRow.of(step, links)).toList());
		values.put("hooks", this.storage.listHooks(runId, null, RELATED_SHOWN, 0)
			.stream()
			.map((hook) -> HookRow.of(hook, links))
			.toList());
		putTimeline(values, run, types, from, links);
		return this.pages.page(request, "run", run.workflowName() + " \u00b7 " + runId, "runs", values);
	}

	private void putRelations(Map<String, Object> values, WorkflowRun run, DashboardLinks links, Instant now) {
		String runId = run.runId();
		values.put("parent", (run.parentRunId() != null) ? this.storage.getParent(runId)
			.map((parent) -> RunLink.of(parent, links, now, runId))
			.orElse(null) : null);
		values.put("parentRunId", run.parentRunId());
		List<WorkflowRun> children = this.storage.getChildren(runId, null);
		values.put("children", children.stream()
			.limit(RELATED_SHOWN)
			.map((child) -> RunLink.of(child, links, now, runId))
			.toList());
		values.put("childrenTotal", children.size());
		boolean chained = run.continuedFromRunId() != null || run.continuedToRunId() != null;
		values.put("chain", chained ? this.storage.getWorkflowChain(runId)
			.stream()
			.map((link) -> RunLink.of(link, links, now, runId))
			.toList() : List.of());
	}

	private void putTimeline(Map<String, Object> values, WorkflowRun run, List<String> types, @Nullable Integer from,
			DashboardLinks links) {
		String runId = run.runId();
		List<Event> events = this.storage.getEvents(runId);
		Timeline timeline = Timeline.of(events, types, from);
		values.put("timeline", timeline);
		values.put("selectedTypes", types);
		values.put("eventRows", timeline.events().stream().map((event) -> EventRow.of(event, links)).toList());
		values.put("firstPageHref", (timeline.firstFrom() != null) ? links.run(runId, types, null) : "");
		values.put("previousPageHref",
				(timeline.previousFrom() != null) ? links.run(runId, types, timeline.previousFrom()) : "");
		values.put("nextPageHref", (timeline.nextFrom() != null) ? links.run(runId, types, timeline.nextFrom()) : "");
		values.put("lastPageHref", (timeline.lastFrom() != null) ? links.run(runId, types, timeline.lastFrom()) : "");
		values.put("allTypesHref", links.run(runId, List.of(), null));
		// A run that goes on polls for its new events and status; the page only appends events at
		// the end of its timeline, so an earlier page polls for the status alone.
		boolean live = !run.status().hasEnded() && !this.pages.settings().refreshInterval().isZero();
		values.put("live", live);
		values.put("liveEvents", live && timeline.isLastPage());
		values.put("pollHref", links.runPoll(runId, types));
	}

}
