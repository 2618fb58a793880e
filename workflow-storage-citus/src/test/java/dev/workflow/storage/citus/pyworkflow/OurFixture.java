package dev.workflow.storage.citus.pyworkflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.OverlapPolicy;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes, through OUR API, the same fixture the pyworkflow driver writes through its own, and
 * describes the result in the driver's format: the Java half of "we write, pyworkflow reads".
 *
 * <p>
 * The expected values are derived from what was passed and the clock, not read back, so a value
 * we write and read back wrongly in the same way is still caught by pyworkflow's reading.
 */
final class OurFixture {

	private final WorkflowStorage storage;

	private final MutableClock clock;

	private final String prefix;

	private final Instant base;

	private final Map<String, WorkflowRun> runs = new LinkedHashMap<>();

	private final List<Event> events = new ArrayList<>();

	private final Map<String, Integer> nextSequence = new HashMap<>();

	private final Map<String, Step> steps = new LinkedHashMap<>();

	private final Map<String, Hook> hooks = new LinkedHashMap<>();

	private final Map<String, Schedule> schedules = new LinkedHashMap<>();

	private OurFixture(WorkflowStorage storage, MutableClock clock, String prefix, Instant base) {
		this.storage = storage;
		this.clock = clock;
		this.prefix = prefix;
		this.base = base;
	}

	/**
	 * Writes the fixture.
	 * @param storage our storage, using {@code clock}
	 * @param clock the storage's clock; moved on before each update so every set time is distinct
	 * @param prefix the start of every id
	 * @param base the time the fixture's own timestamps count from
	 * @return the description of what was written
	 */
	static ObjectNode write(WorkflowStorage storage, MutableClock clock, String prefix, Instant base) {
		OurFixture fixture = new OurFixture(storage, clock, prefix, base);
		fixture.writeRuns();
		fixture.writeEvents();
		fixture.writeSteps();
		fixture.writeHooks();
		ObjectNode flags = fixture.writeCancellationFlags();
		fixture.writeSchedules();
		return fixture.describe(flags);
	}

	private String id(String name) {
		return this.prefix + "-" + name;
	}

	private Instant t(double seconds) {
		return this.base.plusNanos(Math.round(seconds * 1_000_000_000L));
	}

	private Instant tick() {
		return this.clock.advance(Duration.ofMillis(1));
	}

	private void writeRuns() {
		String parent = id("parent");
		String child = id("child-1");
		List<WorkflowRun> created = List.of(
				WorkflowRun.builder(parent, "order_flow").status(RunStatus.RUNNING).createdAt(t(0)).updatedAt(t(1))
					.startedAt(t(2)).inputArgs("[\"order-1\", 42]")
					.inputKwargs("{\"priority\": \"high\", \"tags\": [\"a\", \"b\"]}").idempotencyKey(id("key-parent"))
					.maxDuration("1h").context("{\"region\": \"eu\", \"nested\": {\"n\": 1}}").recoveryAttempts(1)
					.maxRecoveryAttempts(5).recoverOnWorkerLoss(false).build(),
				WorkflowRun.builder(child, "charge_card").createdAt(t(3)).updatedAt(t(3)).inputArgs("[\"card\"]")
					.parentRunId(parent).nestingDepth(1).build(),
				WorkflowRun.builder(id("child-2"), "ship").status(RunStatus.FAILED).createdAt(t(4)).updatedAt(t(5))
					.startedAt(t(4.5)).completedAt(t(5)).error("ValueError: boom").parentRunId(parent).nestingDepth(1)
					.build(),
				WorkflowRun.builder(id("grandchild"), "notify").status(RunStatus.SUSPENDED).createdAt(t(6))
					.updatedAt(t(6)).parentRunId(child).nestingDepth(2).build(),
				WorkflowRun.builder(id("chain-0"), "poller").status(RunStatus.CONTINUED_AS_NEW).createdAt(t(7))
					.updatedAt(t(7)).completedAt(t(7.5)).build(),
				WorkflowRun.builder(id("chain-1"), "poller").status(RunStatus.CONTINUED_AS_NEW).createdAt(t(8))
					.updatedAt(t(8)).continuedFromRunId(id("chain-0")).build(),
				WorkflowRun.builder(id("chain-2"), "poller").status(RunStatus.RUNNING).createdAt(t(9)).updatedAt(t(9))
					.continuedFromRunId(id("chain-1")).build(),
				WorkflowRun.builder(id("interrupted"), "import").status(RunStatus.INTERRUPTED).createdAt(t(10))
					.updatedAt(t(10)).startedAt(t(10)).recoveryAttempts(3).maxRecoveryAttempts(3).build(),
				WorkflowRun.builder(id("cancelled"), "import").status(RunStatus.RUNNING).createdAt(t(11))
					.updatedAt(t(11)).build(),
				WorkflowRun.builder(id("pending"), "report").createdAt(t(12)).updatedAt(t(12))
					.idempotencyKey(id("key-pending"))
					.inputKwargs("{\"unicode\": \"\\u00fcn\\u00efc\\u00f8d\\u00e9 \u2713 \u65e5\u672c\"}")
					.maxDuration("30m").build());
		for (WorkflowRun run : created) {
			this.storage.createRun(run);
			this.runs.put(run.runId(), run);
		}
		Instant at = tick();
		this.storage.updateRunRecoveryAttempts(parent, 2);
		change(parent, (run) -> run.recoveryAttempts(2).updatedAt(at));
		Instant contextAt = tick();
		String context = "{\"region\": \"eu\", \"nested\": {\"n\": 2}, \"list\": [1, 2.5, null, true]}";
		this.storage.updateRunContext(parent, context);
		change(parent, (run) -> run.context(context).updatedAt(contextAt));
		Instant completedAt = tick();
		this.storage.updateRunStatus(child, RunStatus.COMPLETED, "{\"charged\": true}", null);
		change(child, (run) -> run.status(RunStatus.COMPLETED).result("{\"charged\": true}").updatedAt(completedAt)
			.completedAt(completedAt));
		for (String[] link : new String[][] { { id("chain-0"), id("chain-1") }, { id("chain-1"), id("chain-2") } }) {
			Instant linkedAt = tick();
			this.storage.updateRunContinuation(link[0], link[1]);
			change(link[0], (run) -> run.continuedToRunId(link[1]).updatedAt(linkedAt));
		}
		Instant claimedAt = tick();
		if (!this.storage.tryClaimRun(id("chain-2"), RunStatus.RUNNING, RunStatus.COMPLETED)) {
			throw new AssertionError("tryClaimRun did not claim " + id("chain-2"));
		}
		change(id("chain-2"), (run) -> run.status(RunStatus.COMPLETED).updatedAt(claimedAt));
		Instant cancelledAt = tick();
		this.storage.updateRunStatus(id("cancelled"), RunStatus.CANCELLED, null, "cancelled by user");
		change(id("cancelled"), (run) -> run.status(RunStatus.CANCELLED).error("cancelled by user")
			.updatedAt(cancelledAt).completedAt(cancelledAt));
	}

	private void change(String runId, java.util.function.UnaryOperator<WorkflowRun.Builder> change) {
		this.runs.put(runId, change.apply(this.runs.get(runId).toBuilder()).build());
	}

	private void writeEvents() {
		String parent = id("parent");
		String child = id("child-1");
		String step1 = id("step-1");
		record(parent, "workflow.started", 20, """
				{"workflow_name": "order_flow", "args": ["order-1", 42], "kwargs": {"priority": "high"}, "metadata": {}}""");
		record(parent, "step.started", 21, """
				{"step_id": "%s", "step_name": "charge", "attempt": 1}""".formatted(step1));
		record(parent, "step.completed", 22, """
				{"step_id": "%s", "step_name": "charge", "result": {"charged": 12.5, "items": [1, 2.5, null, true, "\\u00fc"]}}"""
			.formatted(step1));
		record(parent, "hook.created", 23, """
				{"hook_id": "%s", "token": "%s:%s"}""".formatted(id("hook-1"), parent, id("hook-1")));
		record(parent, "sleep.started", 24, """
				{"sleep_id": "sleep-1", "duration_seconds": 30, "resume_at": "%s"}""".formatted(FixtureJson.timestamp(t(54))));
		record(parent, "workflow.suspended", 25, """
				{"reason": "hook", "hook_id": "%s", "step_id": null}""".formatted(id("hook-1")));
		record(child, "workflow.started", 26, """
				{"workflow_name": "charge_card", "args": ["card"], "kwargs": {}}""");
		record(child, "workflow.completed", 27, """
				{"result": "{\\"charged\\": true}", "workflow_name": "charge_card"}""");
		record(id("chain-0"), "workflow.continued_as_new", 28, """
				{"new_run_id": "%s", "args": "[]", "kwargs": "{}", "reason": null}""".formatted(id("chain-1")));
	}

	private void record(String runId, String type, double seconds, String data) {
		Event event = Event.of(id("evt-" + (this.events.size() + 1)), runId, type, t(seconds), data);
		this.storage.recordEvent(event);
		int sequence = this.nextSequence.merge(runId, 1, Integer::sum) - 1;
		this.events.add(event.withSequence(sequence));
	}

	private void writeSteps() {
		String parent = id("parent");
		String child = id("child-1");
		List<Step> created = List.of(
				new Step(id("step-1"), parent, "charge", StepStatus.COMPLETED, t(30), t(31), t(32), "[12.5]",
						"{\"currency\": \"EUR\"}", "{\"charged\": 12.5}", null, 1),
				new Step(id("step-2"), parent, "reserve", StepStatus.FAILED, t(33), t(34), t(35), "[]", "{}", null,
						"TimeoutError: 30s", 3),
				new Step(id("step-3"), parent, "email", StepStatus.PENDING, t(36), null, null, "[]", "{}", null, null, 1),
				new Step(id("step-4"), child, "retry_me", StepStatus.RETRYING, t(37), t(37.5), null, "[]", "{}", null,
						"ConnectionError", 2),
				new Step(id("step-5"), child, "cancel_me", StepStatus.CANCELLED, t(38), null, null, "[]", "{}", null,
						null, 1),
				new Step(id("step-6"), id("child-2"), "busy", StepStatus.RUNNING, t(39), t(39), null, "[\"x\"]", "{}",
						null, null, 1));
		for (Step step : created) {
			this.storage.createStep(step);
			this.steps.put(step.stepId(), step);
		}
		tick();
		this.storage.updateStepStatus(id("step-3"), StepStatus.RUNNING, null, null);
		Instant completedAt = tick();
		this.storage.updateStepStatus(id("step-3"), StepStatus.COMPLETED, "\"sent\"", null);
		Step step3 = this.steps.get(id("step-3"));
		this.steps.put(step3.stepId(), new Step(step3.stepId(), step3.runId(), step3.stepName(), StepStatus.COMPLETED,
				step3.createdAt(), null, completedAt, step3.inputArgs(), step3.inputKwargs(), "\"sent\"", null, 1));
	}

	private void writeHooks() {
		String parent = id("parent");
		String child = id("child-1");
		String grandchild = id("grandchild");
		List<Hook> created = List.of(
				new Hook(id("hook-1"), parent, Hook.tokenFor(parent, id("hook-1")), t(40), null, t(3640),
						HookStatus.PENDING, null, "{\"source\": \"stripe\", \"n\": 1}"),
				new Hook(id("hook-2"), parent, Hook.tokenFor(parent, id("hook-2")), t(41), null, t(42),
						HookStatus.EXPIRED, null, "{}"),
				new Hook(id("hook-1"), child, Hook.tokenFor(child, id("hook-1")), t(43), null, null, HookStatus.PENDING,
						null, "{}"),
				new Hook(id("hook-3"), grandchild, Hook.tokenFor(grandchild, id("hook-3")), t(44), null, null,
						HookStatus.PENDING, null, "{}"));
		for (Hook hook : created) {
			this.storage.createHook(hook);
			this.hooks.put(hook.runId() + "/" + hook.hookId(), hook);
		}
		Instant receivedAt = tick();
		this.storage.updateHookStatus(id("hook-1"), HookStatus.RECEIVED, "{\"amount\": 10}", parent);
		changeHook(parent, id("hook-1"), HookStatus.RECEIVED, "{\"amount\": 10}", receivedAt);
		tick();
		this.storage.updateHookStatus(id("hook-1"), HookStatus.DISPOSED, null, child);
		changeHook(child, id("hook-1"), HookStatus.DISPOSED, null, null);
		tick();
		this.storage.updateHookStatus(id("hook-3"), HookStatus.DISPOSED, null, null);
		changeHook(grandchild, id("hook-3"), HookStatus.DISPOSED, null, null);
	}

	private void changeHook(String runId, String hookId, HookStatus status, String payload, Instant receivedAt) {
		Hook hook = this.hooks.get(runId + "/" + hookId);
		this.hooks.put(runId + "/" + hookId,
				new Hook(hook.hookId(), hook.runId(), hook.token(), hook.createdAt(),
						(receivedAt != null) ? receivedAt : hook.receivedAt(), hook.expiresAt(), status,
						(payload != null) ? payload : hook.payload(), hook.metadata()));
	}

	private ObjectNode writeCancellationFlags() {
		this.storage.setCancellationFlag(id("cancelled"));
		this.storage.setCancellationFlag(id("parent"));
		this.storage.clearCancellationFlag(id("parent"));
		ObjectNode flags = FixtureJson.object();
		flags.put(id("cancelled"), true);
		flags.put(id("parent"), false);
		flags.put(id("pending"), false);
		return flags;
	}

	private void writeSchedules() {
		List<Schedule> created = List.of(
				new Schedule(id("sched-cron"), "order_flow",
						new ScheduleSpec("0 9 * * 1-5", null, null, "Europe/Berlin", t(0), t(86400 * 30), "30s"),
						ScheduleStatus.ACTIVE, "[\"x\"]", "{\"y\": 2}", OverlapPolicy.BUFFER_ONE, t(3600), t(-3600),
						List.of(), "{\"owner\": \"java\"}", t(50), t(50), null, null),
				new Schedule(id("sched-interval"), "poller", ScheduleSpec.interval("5m"), ScheduleStatus.ACTIVE, "[]",
						"{}", OverlapPolicy.ALLOW_ALL, t(351), null, List.of(), "{}", t(51), t(51), null, null),
				new Schedule(id("sched-calendar"), "report",
						new ScheduleSpec(null, null,
								List.of(new CalendarSpec(0, 30, 8, 1, null, null),
										new CalendarSpec(15, 0, 17, null, 12, 4)),
								"America/New_York", null, null, null),
						ScheduleStatus.ACTIVE, "[]", "{}", OverlapPolicy.CANCEL_OTHER, null, null, List.of(), "{}", t(52),
						t(52), null, null),
				new Schedule(id("sched-skip"), "import", ScheduleSpec.interval("1h"), ScheduleStatus.ACTIVE, "[]", "{}",
						OverlapPolicy.SKIP, null, null, List.of(), "{}", t(53), t(53), null, null),
				new Schedule(id("sched-buffer-all"), "import", ScheduleSpec.cron("*/15 * * * *"), ScheduleStatus.ACTIVE,
						"[]", "{}", OverlapPolicy.BUFFER_ALL, t(900), null, List.of(), "{}", t(54), t(54), null, null));
		for (Schedule schedule : created) {
			this.storage.createSchedule(schedule);
			this.schedules.put(schedule.scheduleId(), schedule);
		}
		String cron = id("sched-cron");
		Instant changedAt = null;
		for (String runId : List.of(id("parent"), id("child-1"), id("parent"), id("chain-2"))) {
			changedAt = tick();
			this.storage.addRunningRun(cron, runId);
		}
		changedAt = tick();
		this.storage.removeRunningRun(cron, id("child-1"));
		this.schedules.put(cron, this.schedules.get(cron).withRunningRunIds(List.of(id("parent"), id("chain-2")), changedAt));
		Instant pausedAt = tick();
		Schedule interval = this.schedules.get(id("sched-interval"));
		Schedule paused = new Schedule(interval.scheduleId(), interval.workflowName(), interval.spec(),
				ScheduleStatus.PAUSED, interval.inputArgs(), interval.inputKwargs(), interval.overlapPolicy(),
				interval.nextRunTime(), interval.lastRunTime(), interval.runningRunIds(), interval.metadata(),
				interval.createdAt(), pausedAt, pausedAt, null);
		this.storage.updateSchedule(paused);
		this.schedules.put(paused.scheduleId(), paused);
		Instant deletedAt = tick();
		this.storage.deleteSchedule(id("sched-calendar"));
		this.schedules.put(id("sched-calendar"), this.schedules.get(id("sched-calendar")).deleted(deletedAt));
	}

	private ObjectNode describe(ObjectNode flags) {
		ObjectNode description = FixtureJson.object();
		ArrayNode runNodes = description.putArray("runs");
		this.runs.values().forEach((run) -> runNodes.add(FixtureJson.run(run)));
		ArrayNode eventNodes = description.putArray("events");
		this.events.forEach((event) -> eventNodes.add(FixtureJson.event(event)));
		ArrayNode stepNodes = description.putArray("steps");
		this.steps.values().forEach((step) -> stepNodes.add(FixtureJson.step(step)));
		ArrayNode hookNodes = description.putArray("hooks");
		this.hooks.values().forEach((hook) -> hookNodes.add(FixtureJson.hook(hook)));
		description.set("cancellation_flags", flags);
		ArrayNode scheduleNodes = description.putArray("schedules");
		this.schedules.values().forEach((schedule) -> scheduleNodes.add(FixtureJson.schedule(schedule)));
		description.set("chains", FixtureJson.array().add(strings(id("chain-0"), id("chain-1"), id("chain-2"))));
		ObjectNode children = description.putObject("children");
		children.set(id("parent"), strings(id("child-1"), id("child-2")));
		children.set(id("child-1"), strings(id("grandchild")));
		ArrayNode hasEvent = description.putArray("has_event");
		String parent = id("parent");
		String step1 = id("step-1");
		probe(hasEvent, parent, "step.completed", Map.of("step_id", step1), true);
		probe(hasEvent, parent, "step.completed", Map.of("step_id", id("step-2")), false);
		probe(hasEvent, parent, "step.started", Map.of("step_id", step1, "step_name", "charge"), true);
		probe(hasEvent, parent, "step.started", Map.of("step_id", step1, "step_name", "other"), false);
		probe(hasEvent, parent, "sleep.started", Map.of("sleep_id", "sleep-1"), true);
		probe(hasEvent, parent, "sleep.started", Map.of("duration_seconds", "30"), true);
		probe(hasEvent, parent, "sleep.started", Map.of("sleep_id", "nope"), false);
		probe(hasEvent, id("child-1"), "step.completed", Map.of("step_id", step1), false);
		ArrayNode latest = description.putArray("latest_events");
		latest(latest, parent, null, id("evt-6"));
		latest(latest, parent, "step.started", id("evt-2"));
		latest(latest, id("child-1"), null, id("evt-8"));
		latest(latest, id("grandchild"), null, null);
		return description;
	}

	private static ArrayNode strings(String... values) {
		ArrayNode array = FixtureJson.array();
		for (String value : values) {
			array.add(value);
		}
		return array;
	}

	private static void probe(ArrayNode probes, String runId, String type, Map<String, String> filters,
			boolean expected) {
		ObjectNode probe = probes.addObject();
		probe.put("run_id", runId);
		probe.put("type", type);
		ObjectNode filterNode = probe.putObject("filters");
		new java.util.TreeMap<>(filters).forEach(filterNode::put);
		probe.put("expected", expected);
	}

	private static void latest(ArrayNode probes, String runId, String type, String eventId) {
		ObjectNode probe = probes.addObject();
		probe.put("run_id", runId);
		probe.put("type", type);
		probe.put("event_id", eventId);
	}

}
