package dev.workflow.storage.citus.pyworkflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import tools.jackson.databind.JsonNode;

/**
 * Reads every entity and relation of a fixture description through OUR API and lists each
 * difference: the Java half of "pyworkflow writes, we read".
 */
final class OurReads {

	private final WorkflowStorage storage;

	private final Mismatches mismatches = new Mismatches();

	private OurReads(WorkflowStorage storage) {
		this.storage = storage;
	}

	/**
	 * Checks a fixture description against our reads.
	 * @param storage our storage on the shared database
	 * @param description what pyworkflow's driver wrote
	 * @return the mismatches, empty when every field matches
	 */
	static List<String> verify(WorkflowStorage storage, JsonNode description) {
		OurReads reads = new OurReads(storage);
		reads.runs(description);
		reads.events(description);
		reads.steps(description);
		reads.hooks(description);
		reads.cancellationFlags(description);
		reads.schedules(description);
		reads.relations(description);
		return reads.mismatches.list();
	}

	private void runs(JsonNode description) {
		Mismatches m = this.mismatches;
		Set<String> runIds = new LinkedHashSet<>();
		for (JsonNode expected : description.get("runs")) {
			String runId = FixtureJson.text(expected, "run_id");
			runIds.add(runId);
			Optional<WorkflowRun> run = m.guarded("getRun(" + runId + ")", () -> this.storage.getRun(runId));
			m.compare("run " + runId, expected, (run != null) ? run.map(FixtureJson::run).orElse(null) : null);
			String context = m.guarded("getRunContext(" + runId + ")", () -> this.storage.getRunContext(runId));
			if (context != null) {
				m.checkJson("getRunContext(" + runId + ")", expected.get("context"), FixtureJson.parse(context));
			}
			m.check("getNestingDepth(" + runId + ")", expected.get("nesting_depth").asInt(),
					m.guarded("getNestingDepth(" + runId + ")", () -> this.storage.getNestingDepth(runId)));
			Optional<WorkflowRun> parent = m.guarded("getParent(" + runId + ")", () -> this.storage.getParent(runId));
			if (parent != null) {
				m.check("getParent(" + runId + ")", FixtureJson.text(expected, "parent_run_id"),
						parent.map(WorkflowRun::runId).orElse(null));
			}
			String key = FixtureJson.text(expected, "idempotency_key");
			if (key != null) {
				Optional<WorkflowRun> byKey = m.guarded("getRunByIdempotencyKey(" + key + ")",
						() -> this.storage.getRunByIdempotencyKey(key));
				if (byKey != null) {
					m.check("getRunByIdempotencyKey(" + key + ")", runId, byKey.map(WorkflowRun::runId).orElse(null));
				}
			}
		}
		Set<String> listed = m.guarded("listRuns", this::allListedRunIds);
		if (listed != null) {
			m.check("listRuns missing", Set.of(), difference(runIds, listed));
		}
	}

	private Set<String> allListedRunIds() {
		Set<String> ids = new HashSet<>();
		RunFilter filter = RunFilter.all().withLimit(RunFilter.MAX_LIMIT);
		RunPage page;
		do {
			page = this.storage.listRuns(filter);
			page.runs().forEach((run) -> ids.add(run.runId()));
			filter = filter.withCursor(page.nextCursor().orElse(null));
		}
		while (page.nextCursor().isPresent());
		return ids;
	}

	private void events(JsonNode description) {
		Mismatches m = this.mismatches;
		Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
		description.get("runs").forEach((run) -> byRun.put(FixtureJson.text(run, "run_id"), new ArrayList<>()));
		description.get("events")
			.forEach((event) -> byRun.computeIfAbsent(FixtureJson.text(event, "run_id"), (id) -> new ArrayList<>())
				.add(event));
		for (Map.Entry<String, List<JsonNode>> entry : byRun.entrySet()) {
			String runId = entry.getKey();
			List<JsonNode> expected = entry.getValue();
			expected.sort(Comparator.comparingInt((event) -> event.get("sequence").asInt()));
			List<Event> actual = m.guarded("getEvents(" + runId + ")", () -> this.storage.getEvents(runId));
			if (actual == null) {
				continue;
			}
			m.check("getEvents(" + runId + ") ids", expected.stream().map((e) -> FixtureJson.text(e, "event_id")).toList(),
					actual.stream().map(Event::eventId).toList());
			for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
				m.compare("event " + FixtureJson.text(expected.get(i), "event_id"), expected.get(i),
						FixtureJson.event(actual.get(i)));
			}
			Set<String> types = new TreeSet<>();
			expected.forEach((e) -> types.add(FixtureJson.text(e, "type")));
			for (String type : types) {
				List<Event> typed = m.guarded("getEvents(" + runId + ", [" + type + "])",
						() -> this.storage.getEvents(runId, List.of(type)));
				if (typed != null) {
					m.check("getEvents(" + runId + ", [" + type + "]) ids",
							expected.stream().filter((e) -> type.equals(FixtureJson.text(e, "type")))
								.map((e) -> FixtureJson.text(e, "event_id")).toList(),
							typed.stream().map(Event::eventId).toList());
				}
			}
		}
		for (JsonNode probe : description.get("has_event")) {
			String runId = FixtureJson.text(probe, "run_id");
			String type = FixtureJson.text(probe, "type");
			Map<String, String> filters = new LinkedHashMap<>();
			probe.get("filters").properties().forEach((f) -> filters.put(f.getKey(), f.getValue().asString()));
			String what = "hasEvent(" + runId + ", " + type + ", " + filters + ")";
			m.check(what, probe.get("expected").asBoolean(),
					m.guarded(what, () -> this.storage.hasEvent(runId, type, filters)));
		}
		for (JsonNode probe : description.get("latest_events")) {
			String runId = FixtureJson.text(probe, "run_id");
			String type = FixtureJson.text(probe, "type");
			String what = "getLatestEvent(" + runId + ", " + type + ")";
			Optional<Event> latest = m.guarded(what, () -> this.storage.getLatestEvent(runId, type));
			if (latest != null) {
				m.check(what, FixtureJson.text(probe, "event_id"), latest.map(Event::eventId).orElse(null));
			}
		}
	}

	private void steps(JsonNode description) {
		Mismatches m = this.mismatches;
		Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
		for (JsonNode expected : description.get("steps")) {
			String stepId = FixtureJson.text(expected, "step_id");
			Optional<Step> step = m.guarded("getStep(" + stepId + ")", () -> this.storage.getStep(stepId));
			m.compare("step " + stepId, expected, (step != null) ? step.map(FixtureJson::step).orElse(null) : null);
			byRun.computeIfAbsent(FixtureJson.text(expected, "run_id"), (id) -> new ArrayList<>()).add(expected);
		}
		byRun.forEach((runId, steps) -> {
			List<String> wanted = steps.stream()
				.sorted(Comparator.comparing((JsonNode step) -> FixtureJson.instant(step.get("created_at"))))
				.map((step) -> FixtureJson.text(step, "step_id"))
				.toList();
			List<Step> actual = m.guarded("listSteps(" + runId + ")", () -> this.storage.listSteps(runId));
			if (actual != null) {
				m.check("listSteps(" + runId + ")", wanted, actual.stream().map(Step::stepId).toList());
			}
		});
	}

	private void hooks(JsonNode description) {
		Mismatches m = this.mismatches;
		Map<String, Set<String>> byRun = new LinkedHashMap<>();
		Set<String> expectedKeys = new TreeSet<>();
		for (JsonNode expected : description.get("hooks")) {
			String hookId = FixtureJson.text(expected, "hook_id");
			String runId = FixtureJson.text(expected, "run_id");
			String token = FixtureJson.text(expected, "token");
			Optional<Hook> hook = m.guarded("getHook(" + hookId + ", " + runId + ")",
					() -> this.storage.getHook(hookId, runId));
			m.compare("hook " + runId + "/" + hookId, expected,
					(hook != null) ? hook.map(FixtureJson::hook).orElse(null) : null);
			Optional<Hook> byToken = m.guarded("getHookByToken(" + token + ")", () -> this.storage.getHookByToken(token));
			if (byToken != null) {
				m.check("getHookByToken(" + token + ")", runId + "/" + hookId,
						byToken.map((h) -> h.runId() + "/" + h.hookId()).orElse(null));
			}
			byRun.computeIfAbsent(runId, (id) -> new TreeSet<>()).add(hookId);
			expectedKeys.add(runId + "/" + hookId);
		}
		List<Hook> all = m.guarded("listHooks", () -> this.storage.listHooks(null, null, WorkflowStorage.MAX_LIMIT, 0));
		if (all != null) {
			m.check("listHooks missing", Set.of(),
					difference(expectedKeys, all.stream().map((h) -> h.runId() + "/" + h.hookId()).toList()));
		}
		byRun.forEach((runId, hookIds) -> {
			List<Hook> ofRun = m.guarded("listHooks(" + runId + ")",
					() -> this.storage.listHooks(runId, null, WorkflowStorage.MAX_LIMIT, 0));
			if (ofRun != null) {
				m.check("listHooks(" + runId + ")", hookIds, new TreeSet<>(ofRun.stream().map(Hook::hookId).toList()));
			}
		});
	}

	private void cancellationFlags(JsonNode description) {
		description.get("cancellation_flags").properties().forEach((flag) -> this.mismatches.check(
				"checkCancellationFlag(" + flag.getKey() + ")", flag.getValue().asBoolean(), this.mismatches
					.guarded("checkCancellationFlag", () -> this.storage.checkCancellationFlag(flag.getKey()))));
	}

	private void schedules(JsonNode description) {
		Mismatches m = this.mismatches;
		Map<String, Set<String>> byStatus = new LinkedHashMap<>();
		for (JsonNode expected : description.get("schedules")) {
			String scheduleId = FixtureJson.text(expected, "schedule_id");
			Optional<Schedule> schedule = m.guarded("getSchedule(" + scheduleId + ")",
					() -> this.storage.getSchedule(scheduleId));
			m.compare("schedule " + scheduleId, expected,
					(schedule != null) ? schedule.map(FixtureJson::schedule).orElse(null) : null);
			byStatus.computeIfAbsent(FixtureJson.text(expected, "status"), (s) -> new TreeSet<>()).add(scheduleId);
		}
		Set<String> all = new TreeSet<>();
		byStatus.values().forEach(all::addAll);
		List<Schedule> listed = m.guarded("listSchedules",
				() -> this.storage.listSchedules(null, null, WorkflowStorage.MAX_LIMIT, 0));
		if (listed != null) {
			m.check("listSchedules missing", Set.of(), difference(all, listed.stream().map(Schedule::scheduleId).toList()));
		}
		byStatus.forEach((status, ids) -> {
			List<Schedule> withStatus = m.guarded("listSchedules(status=" + status + ")", () -> this.storage
				.listSchedules(null, ScheduleStatus.fromValue(status), WorkflowStorage.MAX_LIMIT, 0));
			if (withStatus != null) {
				m.check("listSchedules(status=" + status + ") missing", Set.of(),
						difference(ids, withStatus.stream().map(Schedule::scheduleId).toList()));
			}
		});
	}

	private void relations(JsonNode description) {
		Mismatches m = this.mismatches;
		for (JsonNode chain : description.get("chains")) {
			List<String> ids = new ArrayList<>();
			chain.forEach((id) -> ids.add(id.asString()));
			for (String runId : ids) {
				List<WorkflowRun> actual = m.guarded("getWorkflowChain(" + runId + ")",
						() -> this.storage.getWorkflowChain(runId));
				if (actual != null) {
					m.check("getWorkflowChain(" + runId + ")", ids, actual.stream().map(WorkflowRun::runId).toList());
				}
			}
		}
		Map<String, JsonNode> runs = new LinkedHashMap<>();
		description.get("runs").forEach((run) -> runs.put(FixtureJson.text(run, "run_id"), run));
		description.get("children").properties().forEach((entry) -> {
			String parentId = entry.getKey();
			List<String> children = new ArrayList<>();
			entry.getValue().forEach((id) -> children.add(id.asString()));
			List<WorkflowRun> actual = m.guarded("getChildren(" + parentId + ")",
					() -> this.storage.getChildren(parentId, null));
			if (actual != null) {
				m.check("getChildren(" + parentId + ")", children, actual.stream().map(WorkflowRun::runId).toList());
			}
			for (String status : children.stream().map((id) -> FixtureJson.text(runs.get(id), "status")).toList()) {
				List<String> wanted = children.stream()
					.filter((id) -> status.equals(FixtureJson.text(runs.get(id), "status")))
					.toList();
				List<WorkflowRun> withStatus = m.guarded("getChildren(" + parentId + ", " + status + ")",
						() -> this.storage.getChildren(parentId, RunStatus.fromValue(status)));
				if (withStatus != null) {
					m.check("getChildren(" + parentId + ", " + status + ")", wanted,
							withStatus.stream().map(WorkflowRun::runId).toList());
				}
			}
		});
	}

	private static Set<String> difference(Set<String> expected, java.util.Collection<String> actual) {
		Set<String> missing = new TreeSet<>(expected);
		missing.removeAll(actual);
		return missing;
	}

}
