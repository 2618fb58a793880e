package dev.workflow.storage.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How every {@link WorkflowStorage} rejects bad input: with an {@link InvalidInputException}
 * that names the operation and the offending value, and with nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkflowStorageInputContractTests {

	private static final String NUL = "bad\0value";

	private final MutableClock clock = MutableClock.startingNow();

	private WorkflowStorage storage;

	private WorkflowRun run;

	private Schedule schedule;

	// A stream with one signal, one subscription and a checkpoint of its step, for rejected
	// stream operations to leave as they are; and a stream id that is never created.
	private final String streamId = TestData.id("stream");

	private final String streamRunId = TestData.id("srun");

	private final String stepRunId = TestData.id("step-run");

	private final String uncreatedStreamId = TestData.id("stream");

	private final String scheduledSignalId = "sched_0123456789abcdef";

	protected abstract WorkflowStorage createStorage(MutableClock clock);

	@BeforeAll
	void createStorageUnderTest() {
		this.storage = createStorage(this.clock);
		this.run = TestData.run(now()).build();
		this.storage.createRun(this.run);
		this.schedule = TestData.schedule("inputs", now(), now());
		this.storage.createSchedule(this.schedule);
		this.storage.createStream(this.streamId, "{\"kept\": true}");
		this.storage.publishSignal(TestData.signal(this.streamId, this.streamRunId, "a"));
		this.storage.registerStreamSubscription(this.streamId, this.stepRunId, List.of("a"), this.streamRunId);
		this.storage.saveCheckpoint(this.stepRunId, "{\"kept\": true}");
	}

	private Instant now() {
		return this.clock.instant();
	}

	Stream<Arguments> badRuns() {
		return Stream.of(
				case_("createRun", "runId must not be null", TestData.run(now()).runId(null).build()),
				case_("createRun", "runId must not be blank", TestData.run(now()).runId("  ").build()),
				case_("createRun", "workflowName must not be blank", TestData.run(now()).workflowName("").build()),
				case_("createRun", "must not contain a NUL", TestData.run(now()).runId(NUL).build()),
				case_("createRun", "must not contain a NUL", TestData.run(now()).inputKwargs("{\"a\": \"" + NUL + "\"}").build()),
				case_("createRun", "context must be a JSON object", TestData.run(now()).context("[1, 2]").build()),
				case_("createRun", "context must be a JSON object", TestData.run(now()).context("not json").build()),
				case_("createRun", "inputArgs must be a JSON array, got '{}'", TestData.run(now()).inputArgs("{}").build()),
				case_("createRun", "inputArgs must be a JSON array", TestData.run(now()).inputArgs("1, 2").build()),
				case_("createRun", "inputKwargs must be a JSON object, got '[]'",
						TestData.run(now()).inputKwargs("[]").build()),
				case_("createRun", "workflowName must not contain an unpaired UTF-16 surrogate (\\ud800)",
						TestData.run(now()).workflowName("sur\uD800").build()),
				case_("createRun", "idempotencyKey must not contain an unpaired UTF-16 surrogate (\\udbff)",
						TestData.run(now()).idempotencyKey("key\uDBFF").build()),
				case_("createRun", "idempotencyKey must not be blank", TestData.run(now()).idempotencyKey(" ").build()),
				case_("createRun", "nestingDepth must not be negative", TestData.run(now()).nestingDepth(-1).build()));
	}

	private static Arguments case_(String operation, String message, WorkflowRun run) {
		return Arguments.of(Named.of(message, run), operation, message);
	}

	@ParameterizedTest
	@MethodSource("badRuns")
	void createRunRejectsBadRunsAndWritesNothing(WorkflowRun bad, String operation, String message) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.storage.createRun(bad))
			.withMessageStartingWith(operation + ": ")
			.withMessageContaining(message);
		if (bad.runId() != null && !bad.runId().isBlank()) {
			assertThat(this.storage.getRun(bad.runId().replace("\0", ""))).isEmpty();
		}
	}

	Stream<Arguments> badCalls() {
		String runId = this.run.runId();
		Event event = TestData.event(runId, "step.completed", now(), "{}");
		return Stream.of(
				call("getRun", "runId must not be null", () -> this.storage.getRun(null)),
				call("getRun", "runId must not be blank", () -> this.storage.getRun("")),
				call("getRun", "\\u0000", () -> this.storage.getRun(NUL)),
				call("updateRunStatus", "status must not be null",
						() -> this.storage.updateRunStatus(runId, null, null, null)),
				call("updateRunStatus", "result must not contain a NUL",
						() -> this.storage.updateRunStatus(runId, RunStatus.FAILED, NUL, null)),
				call("updateRunContext", "context must be a JSON object, got '\"text\"'",
						() -> this.storage.updateRunContext(runId, "\"text\"")),
				call("updateRunContext", "context must be a JSON object",
						() -> this.storage.updateRunContext(runId, "{\"unclosed\": ")),
				call("updateRunRecoveryAttempts", "must not be negative, got -1",
						() -> this.storage.updateRunRecoveryAttempts(runId, -1)),
				call("listRuns", "limit must be between 1 and 10000, got 0",
						() -> this.storage.listRuns(RunFilter.all().withLimit(0))),
				call("listRuns", "limit must be between 1 and 10000, got -5",
						() -> this.storage.listRuns(RunFilter.all().withLimit(-5))),
				call("listRuns", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.listRuns(RunFilter.all().withLimit(10_001))),
				call("listRuns", "unknown cursor 'no-such-run'",
						() -> this.storage.listRuns(RunFilter.all().withCursor("no-such-run"))),
				call("listRuns", "query must not contain a NUL",
						() -> this.storage.listRuns(RunFilter.all().withQuery(NUL))),
				call("recordEvent", "eventId must not be blank",
						() -> this.storage.recordEvent(Event.of(" ", runId, "step.completed", now(), "{}"))),
				call("recordEvent", "type must not be null",
						() -> this.storage.recordEvent(Event.of("e", runId, null, now(), "{}"))),
				call("recordEvent", "data must be a JSON object, got '[]'",
						() -> this.storage.recordEvent(Event.of(TestData.id("e"), runId, "step.completed", now(), "[]"))),
				call("recordEvent", "must not contain a NUL",
						() -> this.storage.recordEvent(Event.of(TestData.id("e"), runId, "x" + NUL, now(), "{}"))),
				call("recordEvent", "data must be a JSON object that PostgreSQL's jsonb can hold, but a string holds "
						+ "a NUL character", () -> this.storage.recordEvent(Event.of(TestData.id("e"), runId,
								"step.completed", now(), "{\"note\": \"a\\u0000b\"}"))),
				call("recordEvent", "holds an unpaired UTF-16 surrogate (\\udc00)",
						() -> this.storage.recordEvent(Event.of(TestData.id("e"), runId, "step.completed", now(),
								"{\"list\": [\"\\udc00\"]}"))),
				call("recordEvent", "the number 1e-999999 is outside PostgreSQL's numeric range",
						() -> this.storage.recordEvent(Event.of(TestData.id("e"), runId, "step.completed", now(),
								"{\"x\": {\"y\": 1e-999999}}"))),
				call("recordEvent", "type must be one of pyworkflow's event types",
						() -> this.storage.recordEvent(Event.of(TestData.id("e"), runId, "vendor.thing", now(), "{}"))),
				call("recordEvents", "data must be a JSON object that PostgreSQL's jsonb can hold",
						() -> this.storage.recordEvents(runId, List.of(event, TestData.event(runId, "step.completed",
								now(), "{\"k\\u0000\": 1}")))),
				call("recordEvents", "events must not be empty", () -> this.storage.recordEvents(runId, List.of())),
				call("recordEvents", "belongs to run",
						() -> this.storage.recordEvents(runId,
								List.of(event, TestData.event("other-run", "step.completed", now(), "{}")))),
				call("recordEvents", "appears twice in the batch",
						() -> this.storage.recordEvents(runId, List.of(event, event))),
				call("hasEvent", "dataFilters must not be null",
						() -> this.storage.hasEvent(runId, "x", null)),
				call("createStep", "stepName must not be blank",
						() -> this.storage.createStep(new Step("s", runId, " ", StepStatus.PENDING, now(), null, null,
								"[]", "{}", null, null, 1))),
				call("createStep", "inputArgs must be a JSON array, got '{}'",
						() -> this.storage.createStep(new Step("s", runId, "charge", StepStatus.PENDING, now(), null,
								null, "{}", "{}", null, null, 1))),
				call("createStep", "inputKwargs must be a JSON object, got '[]'",
						() -> this.storage.createStep(new Step("s", runId, "charge", StepStatus.PENDING, now(), null,
								null, "[]", "[]", null, null, 1))),
				call("updateStepStatus", "stepId must not be null",
						() -> this.storage.updateStepStatus(null, StepStatus.FAILED, null, null)),
				call("createHook", "token must not be blank",
						() -> this.storage.createHook(new Hook("h", runId, "", now(), null, null, HookStatus.PENDING,
								null, "{}"))),
				call("createHook", "metadata must be a JSON object",
						() -> this.storage.createHook(new Hook("h", runId, "t", now(), null, null, HookStatus.PENDING,
								null, "nope"))),
				call("listHooks", "limit must be between 1 and 10000, got 0",
						() -> this.storage.listHooks(null, null, 0, 0)),
				call("listHooks", "offset must not be negative, got -1",
						() -> this.storage.listHooks(null, null, 10, -1)),
				call("listSchedules", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.listSchedules(null, ScheduleStatus.ACTIVE, 10_001, 0)),
				call("createSchedule", "spec must set exactly one of cron, interval and calendar, got 2",
						() -> this.storage.createSchedule(withSpec(new ScheduleSpec("* * * * *", "5m", null, "UTC",
								null, null, null)))),
				call("createSchedule", "spec must set exactly one of cron, interval and calendar, got 0",
						() -> this.storage.createSchedule(withSpec(new ScheduleSpec(null, null, List.of(), "UTC",
								null, null, null)))),
				call("createSchedule", "spec.timezone is not a known time zone: 'Mars/Olympus'",
						() -> this.storage.createSchedule(withSpec(new ScheduleSpec("* * * * *", null, null,
								"Mars/Olympus", null, null, null)))),
				call("createSchedule", "inputArgs must be a JSON array, got 'null'",
						() -> this.storage.createSchedule(withArguments("null", "{}"))),
				call("createSchedule", "inputKwargs must be a JSON object, got '[1]'",
						() -> this.storage.createSchedule(withArguments("[]", "[1]"))),
				call("addRunningRun", "runId must not be blank",
						() -> this.storage.addRunningRun(this.schedule.scheduleId(), " ")),
				call("setCancellationFlag", "runId must not be null", () -> this.storage.setCancellationFlag(null)),
				call("getDueSchedules", "now must not be null", () -> this.storage.getDueSchedules(null)));
	}

	private Schedule withSpec(ScheduleSpec spec) {
		Schedule base = TestData.schedule("inputs", now(), now());
		return new Schedule(base.scheduleId(), base.workflowName(), spec, base.status(), base.inputArgs(),
				base.inputKwargs(), base.overlapPolicy(), base.nextRunTime(), null, List.of(), "{}", now(), now(),
				null, null);
	}

	private Schedule withArguments(String inputArgs, String inputKwargs) {
		Schedule base = TestData.schedule("inputs", now(), now());
		return new Schedule(base.scheduleId(), base.workflowName(), base.spec(), base.status(), inputArgs,
				inputKwargs, base.overlapPolicy(), base.nextRunTime(), null, List.of(), "{}", now(), now(), null,
				null);
	}

	private static Arguments call(String operation, String message, Executable call) {
		return Arguments.of(Named.of(operation + ": " + message, call), operation, message);
	}

	@ParameterizedTest
	@MethodSource("badCalls")
	void badArgumentsAreRejectedNamingOperationAndValue(Executable call, String operation, String message) {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(call::execute)
			.withMessageStartingWith(operation + ": ")
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo(operation));
	}

	@Test
	void rejectedCallsLeaveTheStoreUnchanged() {
		WorkflowRun before = this.storage.getRun(this.run.runId()).orElseThrow();
		Schedule scheduleBefore = this.storage.getSchedule(this.schedule.scheduleId()).orElseThrow();
		badCalls().forEach((arguments) -> {
			try {
				((Executable) ((Named<?>) arguments.get()[0]).getPayload()).execute();
			}
			catch (Throwable expected) {
				// Every call is rejected; the point is what stays behind.
			}
		});
		assertThat(this.storage.getRun(this.run.runId())).contains(before);
		assertThat(this.storage.getEvents(this.run.runId())).isEmpty();
		assertThat(this.storage.listSteps(this.run.runId())).isEmpty();
		assertThat(this.storage.listHooks(this.run.runId(), null, 10, 0)).isEmpty();
		assertThat(this.storage.checkCancellationFlag(this.run.runId())).isFalse();
		assertThat(this.storage.getSchedule(this.schedule.scheduleId())).contains(scheduleBefore);
		assertThat(this.storage.listSchedules("inputs", null, 100, 0)).hasSize(1);
	}

	// Streams, signals, subscriptions, scheduled signals, checkpoints and run summaries

	Stream<Arguments> badStreamCalls() {
		String stream = this.streamId;
		String run = this.streamRunId;
		String step = this.stepRunId;
		String none = Signal.PYWORKFLOW_NO_STREAM_RUN;
		String jsonbNul = "{\"a\":\"\\u0000\"}";
		String tooLong = idOfBytes(WorkflowStorage.MAX_ID_BYTES + 1);
		String notStorable = "must be a JSON object that PostgreSQL's jsonb can hold, but ";
		StreamParentLink link = new StreamParentLink("parent-run", "hook-token");
		NewSignal signal = TestData.signal(stream, run, "a");
		NewScheduledSignal scheduled = NewScheduledSignal.of(stream, "a", "{}", now());
		return Stream.of(
				call("createStream", "streamId must not be null", () -> this.storage.createStream(null, "{}")),
				call("createStream", "streamId must not be blank, got ' '", () -> this.storage.createStream(" ", "{}")),
				call("createStream", "streamId must not contain a NUL character (\\u0000), which PostgreSQL cannot store, "
						+ "got 'bad\\u0000value'", () -> this.storage.createStream(NUL, "{}")),
				call("createStream", "streamId must be at most 512 bytes",
						() -> this.storage.createStream(tooLong, null)),
				call("createStream", "metadata must be a JSON object, got '[1]'",
						() -> this.storage.createStream(this.uncreatedStreamId, "[1]")),
				call("createStream", "metadata " + notStorable + "a string holds a NUL character (\\u0000), got '"
						+ jsonbNul + "'", () -> this.storage.createStream(this.uncreatedStreamId, jsonbNul)),
				call("createStream", "metadata " + notStorable + "the number NaN is outside PostgreSQL's numeric range",
						() -> this.storage.createStream(this.uncreatedStreamId, "{\"x\": NaN}")),
				call("getStream", "streamId must not be null", () -> this.storage.getStream(null)),
				call("getStream", "got 'bad\\u0000value'", () -> this.storage.getStream(NUL)),
				call("publishSignal", "signal must not be null", () -> this.storage.publishSignal(null)),
				call("publishSignal", "signalId must not be blank, got '  '",
						() -> this.storage.publishSignal(new NewSignal("  ", stream, run, "a", "{}", null, "{}"))),
				call("publishSignal", "signalId must not contain a NUL character",
						() -> this.storage.publishSignal(new NewSignal(NUL, stream, run, "a", "{}", null, "{}"))),
				call("publishSignal", "streamId must not be null",
						() -> this.storage.publishSignal(new NewSignal("sig", null, run, "a", "{}", null, "{}"))),
				call("publishSignal", "streamRunId must not be '__none__', which pyworkflow stores for signals of no "
						+ "stream run; pass null for none", () -> this.storage.publishSignal(signal.inStreamRun(none))),
				call("publishSignal", "streamRunId must not be blank, got ''",
						() -> this.storage.publishSignal(signal.inStreamRun(""))),
				call("publishSignal", "streamRunId must not contain an unpaired UTF-16 surrogate (\\ud800)",
						() -> this.storage.publishSignal(signal.inStreamRun("run\uD800"))),
				call("publishSignal", "signalType must not be null",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, null, "{}", null, "{}"))),
				call("publishSignal", "signalType must not contain a NUL character",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, NUL, "{}", null, "{}"))),
				call("publishSignal", "payload must be a JSON object, got '[]'",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, "a", "[]", null, "{}"))),
				call("publishSignal", "payload must be a JSON object, got '\"text\"'",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, "a", "\"text\"", null, "{}"))),
				call("publishSignal", "payload " + notStorable + "a string holds a NUL character (\\u0000), got '"
						+ jsonbNul + "'",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, "a", jsonbNul, null, "{}"))),
				call("publishSignal", "payload " + notStorable + "the number NaN is outside PostgreSQL's numeric range",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, "a", "{\"n\": NaN}", null,
								"{}"))),
				call("publishSignal", "payload " + notStorable + "a string holds an unpaired UTF-16 surrogate (\\ud800)",
						() -> this.storage.publishSignal(new NewSignal("sig", stream, run, "a", "{\"s\": \"\\ud800\"}",
								null, "{}"))),
				call("publishSignal", "sourceRunId must not be blank, got ' '",
						() -> this.storage.publishSignal(signal.fromRun(" "))),
				call("publishSignal", "metadata must be a JSON object, got 'nope'",
						() -> this.storage.publishSignal(signal.withMetadata("nope"))),
				call("publishSignal", "metadata " + notStorable + "the number -Infinity is outside",
						() -> this.storage.publishSignal(signal.withMetadata("{\"n\": -Infinity}"))),
				call("getSignals", "streamId must not be blank, got ''", () -> this.storage.getSignals("", 0, 10)),
				call("getSignals", "limit must be between 1 and 10000, got 0", () -> this.storage.getSignals(stream, 0, 0)),
				call("getSignals", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.getSignals(stream, 0, 10_001)),
				call("queryStreamSignals", "query must not be null", () -> this.storage.queryStreamSignals(null)),
				call("queryStreamSignals", "streamId must not be null",
						() -> this.storage.queryStreamSignals(SignalQuery.of(null, run))),
				call("queryStreamSignals", "streamRunId must not be '__none__'",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, none))),
				call("queryStreamSignals", "sourceRunId must not contain a NUL character",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).fromSourceRun(NUL))),
				call("queryStreamSignals", "signalType must not be blank, got ' '",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).ofType(" "))),
				call("queryStreamSignals", "limit must be between 1 and 10000, got 0",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).withLimit(0))),
				call("queryStreamSignals", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).withLimit(10_001))),
				call("queryStreamSignals", "lastN must be between 1 and 10000, got 0",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).lastOnes(0))),
				call("queryStreamSignals", "lastN must be between 1 and 10000, got -3",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).lastOnes(-3))),
				call("queryStreamSignals", "lastN must be between 1 and 10000, got 10001",
						() -> this.storage.queryStreamSignals(SignalQuery.of(stream, run).lastOnes(10_001))),
				call("acknowledgeSignal", "signalId must not be null", () -> this.storage.acknowledgeSignal(null, step)),
				call("acknowledgeSignal", "stepRunId must not contain a NUL character",
						() -> this.storage.acknowledgeSignal("sig", NUL)),
				call("getPendingSignals", "streamId must not be null", () -> this.storage.getPendingSignals(null, step)),
				call("getPendingSignals", "stepRunId must not be blank, got ' '",
						() -> this.storage.getPendingSignals(stream, " ")),
				call("registerStreamSubscription", "streamId must not be blank, got ''",
						() -> this.storage.registerStreamSubscription("", step, List.of("b"), run)),
				call("registerStreamSubscription", "stepRunId must not be null",
						() -> this.storage.registerStreamSubscription(stream, null, List.of("b"), run)),
				call("registerStreamSubscription", "signalTypes must not be null",
						() -> this.storage.registerStreamSubscription(stream, step, null, run)),
				call("registerStreamSubscription", "signalTypes must not be null",
						() -> this.storage.registerStreamSubscription(stream, step, Arrays.asList("b", null), run)),
				call("registerStreamSubscription", "signalTypes must not be blank, got ' '",
						() -> this.storage.registerStreamSubscription(stream, step, List.of("b", " "), run)),
				call("registerStreamSubscription", "signalTypes must not contain a NUL character",
						() -> this.storage.registerStreamSubscription(stream, step, List.of(NUL), run)),
				call("registerStreamSubscription", "streamRunId must not be '__none__'",
						() -> this.storage.registerStreamSubscription(stream, step, List.of("b"), none)),
				call("getWaitingSteps", "signalType must not be null",
						() -> this.storage.getWaitingSteps(stream, null, null)),
				call("getWaitingSteps", "streamRunId must not be '__none__'",
						() -> this.storage.getWaitingSteps(stream, "a", none)),
				call("getSubscriptionsForStream", "streamId must not contain a NUL character",
						() -> this.storage.getSubscriptionsForStream(NUL, "a", null)),
				call("getSubscriptionsForStream", "signalType must not be blank, got ''",
						() -> this.storage.getSubscriptionsForStream(stream, "", null)),
				call("getSubscriptionStates", "streamId must not be null",
						() -> this.storage.getSubscriptionStates(null, null)),
				call("getSubscriptionStates", "streamRunId must not be '__none__'",
						() -> this.storage.getSubscriptionStates(stream, none)),
				call("updateSubscriptionStatus", "status must not be null",
						() -> this.storage.updateSubscriptionStatus(stream, step, null)),
				call("updateSubscriptionStatus", "stepRunId must not be blank, got ' '",
						() -> this.storage.updateSubscriptionStatus(stream, " ", SubscriptionStatus.RUNNING)),
				call("setSubscriptionResult", "result must be a JSON value, got null",
						() -> this.storage.setSubscriptionResult(stream, step, null)),
				call("setSubscriptionResult", "result must be a JSON value, got ''",
						() -> this.storage.setSubscriptionResult(stream, step, "")),
				call("setSubscriptionResult", "result must be a JSON value, got 'not json'",
						() -> this.storage.setSubscriptionResult(stream, step, "not json")),
				call("setSubscriptionResult", "result must be a JSON value, got '[1,]'",
						() -> this.storage.setSubscriptionResult(stream, step, "[1,]")),
				call("setSubscriptionResult", "result must be a JSON value, got '1 2'",
						() -> this.storage.setSubscriptionResult(stream, step, "1 2")),
				call("setSubscriptionResult", "result must be a JSON value that PostgreSQL's jsonb can hold, but a string "
						+ "holds a NUL character (\\u0000), got '" + jsonbNul + "'",
						() -> this.storage.setSubscriptionResult(stream, step, jsonbNul)),
				call("setSubscriptionResult", "result must be a JSON value that PostgreSQL's jsonb can hold, but the number "
						+ "NaN is outside PostgreSQL's numeric range, got 'NaN'",
						() -> this.storage.setSubscriptionResult(stream, step, "NaN")),
				call("setSubscriptionResult", "result must not contain a NUL character",
						() -> this.storage.setSubscriptionResult(stream, step, "\"" + NUL + "\"")),
				call("setStreamParentLink", "link must not be null",
						() -> this.storage.setStreamParentLink(stream, run, null)),
				call("setStreamParentLink", "streamRunId must not be null",
						() -> this.storage.setStreamParentLink(stream, null, link)),
				call("setStreamParentLink", "streamRunId must not be '__none__'",
						() -> this.storage.setStreamParentLink(stream, none, link)),
				call("setStreamParentLink", "parentRunId must not be blank, got ' '",
						() -> this.storage.setStreamParentLink(stream, run, new StreamParentLink(" ", "hook-token"))),
				call("setStreamParentLink", "parentHookToken must not contain a NUL character",
						() -> this.storage.setStreamParentLink(stream, run, new StreamParentLink("parent-run", NUL))),
				call("setStreamParentLink", "parentHookToken must not be null",
						() -> this.storage.setStreamParentLink(stream, run, new StreamParentLink("parent-run", null))),
				call("getStreamParentLink", "streamRunId must not be null",
						() -> this.storage.getStreamParentLink(stream, null)),
				call("getStreamParentLink", "streamRunId must not be '__none__'",
						() -> this.storage.getStreamParentLink(stream, none)),
				call("scheduleSignal", "signal must not be null", () -> this.storage.scheduleSignal(null)),
				call("scheduleSignal", "streamId must not be blank, got ' '",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(" ", "a", "{}", now()))),
				call("scheduleSignal", "signalType must not be null",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(stream, null, "{}", now()))),
				call("scheduleSignal", "payload must be a JSON object, got '[]'",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(stream, "a", "[]", now()))),
				call("scheduleSignal", "payload " + notStorable + "a string holds a NUL character",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(stream, "a", jsonbNul, now()))),
				call("scheduleSignal", "payload " + notStorable + "the number Infinity is outside",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(stream, "a", "{\"n\": Infinity}", now()))),
				call("scheduleSignal", "dueAt must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z",
						() -> this.storage.scheduleSignal(NewScheduledSignal.of(stream, "a", "{}", YEAR_10000))),
				call("scheduleSignal", "streamRunId must not be '__none__'",
						() -> this.storage.scheduleSignal(scheduled.inStreamRun(none))),
				call("scheduleSignal", "metadata must be a JSON object, got 'x'",
						() -> this.storage.scheduleSignal(scheduled.withMetadata("x"))),
				call("fetchDueScheduledSignals", "now must not be null",
						() -> this.storage.fetchDueScheduledSignals(null, 10)),
				call("fetchDueScheduledSignals", "now must be from 0001-01-01T00:00:00Z",
						() -> this.storage.fetchDueScheduledSignals(YEAR_0, 10)),
				call("fetchDueScheduledSignals", "limit must be between 1 and 10000, got 0",
						() -> this.storage.fetchDueScheduledSignals(now(), 0)),
				call("fetchDueScheduledSignals", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.fetchDueScheduledSignals(now(), 10_001)),
				call("markScheduledSignalDelivered", "id must not be null",
						() -> this.storage.markScheduledSignalDelivered(null)),
				call("markScheduledSignalDelivered", "id must not be blank, got ' '",
						() -> this.storage.markScheduledSignalDelivered(" ")),
				call("markScheduledSignalDelivered", "id must not contain a NUL character",
						() -> this.storage.markScheduledSignalDelivered(this.scheduledSignalId + "\0")),
				call("saveCheckpoint", "stepRunId must not be null", () -> this.storage.saveCheckpoint(null, "{}")),
				call("saveCheckpoint", "data must be a JSON object, got '[]'", () -> this.storage.saveCheckpoint(step, "[]")),
				call("saveCheckpoint", "data must be a JSON object, got 'null'",
						() -> this.storage.saveCheckpoint(step, "null")),
				call("saveCheckpoint", "data must be a JSON object, got null", () -> this.storage.saveCheckpoint(step, null)),
				call("saveCheckpoint", "data " + notStorable + "a string holds a NUL character (\\u0000), got '"
						+ jsonbNul + "'", () -> this.storage.saveCheckpoint(step, jsonbNul)),
				call("saveCheckpoint", "data " + notStorable + "the number NaN is outside",
						() -> this.storage.saveCheckpoint(step, "{\"n\": [NaN]}")),
				call("loadCheckpoint", "stepRunId must not be blank, got ''", () -> this.storage.loadCheckpoint("")),
				call("deleteCheckpoint", "stepRunId must not contain a NUL character (\\u0000), which PostgreSQL cannot store, got '"
						+ step + "\\u0000'", () -> this.storage.deleteCheckpoint(step + "\0")),
				call("deleteCheckpoint", "stepRunId must be at most 512 bytes", () -> this.storage.deleteCheckpoint(tooLong)),
				call("listRunSummaries", "filter must not be null", () -> this.storage.listRunSummaries(null)),
				call("listRunSummaries", "limit must be between 1 and 10000, got 0",
						() -> this.storage.listRunSummaries(RunFilter.all().withLimit(0))),
				call("listRunSummaries", "limit must be between 1 and 10000, got 10001",
						() -> this.storage.listRunSummaries(RunFilter.all().withLimit(10_001))),
				call("listRunSummaries", "query must not contain a NUL character",
						() -> this.storage.listRunSummaries(RunFilter.all().withQuery(NUL))),
				call("listRunSummaries", "unknown cursor 'no-such-run'",
						() -> this.storage.listRunSummaries(RunFilter.all().withCursor("no-such-run"))));
	}

	@ParameterizedTest
	@MethodSource("badStreamCalls")
	void badStreamArgumentsAreRejectedNamingOperationAndValueAndWriteNothing(Executable call, String operation,
			String message) {
		StreamSnapshot before = streamSnapshot();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(call::execute)
			.withMessageStartingWith(operation + ": ")
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo(operation));
		assertThat(streamSnapshot()).isEqualTo(before);
	}

	/** Everything a rejected stream operation could have written to. */
	private record StreamSnapshot(Object stream, Object uncreatedStream, List<Signal> signals,
			List<StreamSubscription> subscriptions, Object pending, Object checkpoint, List<ScheduledSignal> due,
			Snapshot rest) {
	}

	private StreamSnapshot streamSnapshot() {
		return new StreamSnapshot(this.storage.getStream(this.streamId), this.storage.getStream(this.uncreatedStreamId),
				this.storage.getSignals(this.streamId, 0, WorkflowStorage.MAX_LIMIT),
				this.storage.getSubscriptionStates(this.streamId, null),
				this.storage.getPendingSignals(this.streamId, this.stepRunId), this.storage.loadCheckpoint(this.stepRunId),
				this.storage.fetchDueScheduledSignals(WorkflowStorage.LATEST_INSTANT, WorkflowStorage.MAX_LIMIT),
				snapshot());
	}

	@Test
	void theStreamFixtureIsWhatRejectedCallsAreCheckedAgainst() {
		assertThat(this.storage.getStream(this.streamId)).map(SignalStream::metadata).contains("{\"kept\": true}");
		assertThat(this.storage.getSignals(this.streamId, 0, 10)).hasSize(1);
		assertThat(this.storage.getPendingSignals(this.streamId, this.stepRunId)).hasSize(1);
		assertThat(this.storage.getSubscriptionStates(this.streamId, this.streamRunId)).singleElement()
			.satisfies((subscription) -> assertThat(subscription.signalTypes()).containsExactly("a"));
		assertThat(this.storage.loadCheckpoint(this.stepRunId)).isPresent();
	}

	// Limits: what the database, and pyworkflow's Python reading it, cannot keep as given.

	private static final Instant YEAR_0 = WorkflowStorage.EARLIEST_INSTANT.minus(1, ChronoUnit.MICROS);

	private static final Instant YEAR_10000 = WorkflowStorage.LATEST_INSTANT.plus(1, ChronoUnit.MICROS);

	/** An id of exactly {@code bytes} UTF-8 bytes, unique, of ASCII characters. */
	private static String idOfBytes(int bytes) {
		String unique = TestData.id("long");
		return unique + "x".repeat(bytes - unique.length());
	}

	/** Objects nested {@code depth} levels deep: {@code {}} is 1 deep. */
	private static String nestedObject(int depth) {
		return "{\"a\": ".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
	}

	private static String nestedArray(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	Stream<Arguments> unstorableValues() {
		String runId = this.run.runId();
		String scheduleId = this.schedule.scheduleId();
		String tooLong = idOfBytes(WorkflowStorage.MAX_ID_BYTES + 1);
		// 171 characters, 513 bytes: the limit counts bytes.
		String tooLongInUtf8 = "\u20ac".repeat(171);
		String tooDeep = "nested at most 500 levels deep, as Python's json module reads it, but it nests deeper";
		return Stream.of(
				call("createRun", "runId must not contain an unpaired UTF-16 surrogate (\\ud800)",
						() -> this.storage.createRun(TestData.run(now()).runId("sur\uD800").build())),
				call("createRun", "runId must not contain an unpaired UTF-16 surrogate (\\udbff)",
						() -> this.storage.createRun(TestData.run(now()).runId("sur\uDBFF").build())),
				call("createRun", "idempotencyKey must not contain an unpaired UTF-16 surrogate (\\udc00)",
						() -> this.storage.createRun(TestData.run(now()).idempotencyKey("key\uDC00").build())),
				call("createRun", "parentRunId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.createRun(TestData.run(now()).parentRunId("sur\uD800").build())),
				call("getRun", "runId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getRun("sur\uD800")),
				call("getRunByIdempotencyKey", "idempotencyKey must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getRunByIdempotencyKey("key\uDBFF")),
				call("updateRunContinuation", "continuedToRunId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.updateRunContinuation(runId, "sur\uD800")),
				call("addRunningRun", "runId must not contain an unpaired UTF-16 surrogate (\\ud800)",
						() -> this.storage.addRunningRun(scheduleId, "sur\uD800")),
				call("addRunningRun", "runId must not contain an unpaired UTF-16 surrogate (\\udbff)",
						() -> this.storage.addRunningRun(scheduleId, "sur\uDBFF")),
				call("removeRunningRun", "runId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.removeRunningRun(scheduleId, "sur\uD800")),
				call("recordEvent", "eventId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.recordEvent(Event.of("evt\uD800", runId, "step.completed", now(), "{}"))),
				call("getEvents", "types must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getEvents(runId, List.of("step.completed\uD800"))),
				call("getLatestEvent", "type must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getLatestEvent(runId, "step.completed\uD800")),
				call("hasEvent", "dataFilters key must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.hasEvent(runId, "step.completed", Map.of("k\uD800", "v"))),
				call("hasEvent", "dataFilters[step_id] must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.hasEvent(runId, "step.completed", Map.of("step_id", "s\uD800"))),
				call("createStep", "stepId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.createStep(Step.pending("step\uD800", runId, "charge", now()))),
				call("getStep", "stepId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getStep("step\uD800")),
				call("createHook", "hookId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.createHook(new Hook("hook\uD800", runId, TestData.id("token"), now(), null,
								null, HookStatus.PENDING, null, "{}"))),
				call("createHook", "token must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.createHook(new Hook(TestData.id("hook"), runId, "token\uD800", now(), null,
								null, HookStatus.PENDING, null, "{}"))),
				call("getHookByToken", "token must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.getHookByToken("token\uD800")),
				call("createSchedule", "scheduleId must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.createSchedule(Schedule.active("sched\uD800", "inputs",
								ScheduleSpec.cron("0 9 * * *"), now(), now()))),
				call("listSchedules", "workflowName must not contain an unpaired UTF-16 surrogate",
						() -> this.storage.listSchedules("inputs\uD800", null, 10, 0)),
				call("createRun", "runId must be at most 512 bytes in UTF-8 to fit PostgreSQL's indexes, got 513 bytes",
						() -> this.storage.createRun(TestData.run(now()).runId(tooLong).build())),
				call("createRun", "idempotencyKey must be at most 512 bytes in UTF-8 to fit PostgreSQL's indexes, got 513",
						() -> this.storage.createRun(TestData.run(now()).idempotencyKey(tooLongInUtf8).build())),
				call("createRun", "workflowName must be at most 512 bytes",
						() -> this.storage.createRun(TestData.run(now()).workflowName(tooLong).build())),
				call("createRun", "runId must be at most 512 bytes in UTF-8 to fit PostgreSQL's indexes, got 1048576",
						() -> this.storage.createRun(TestData.run(now()).runId("r".repeat(1 << 20)).build())),
				call("getRun", "runId must be at most 512 bytes", () -> this.storage.getRun(tooLong)),
				call("recordEvent", "eventId must be at most 512 bytes",
						() -> this.storage.recordEvent(Event.of(tooLong, runId, "step.completed", now(), "{}"))),
				call("recordEvent", "data.step_id must be at most 512 bytes",
						() -> this.storage.recordEvent(TestData.event(runId, "step.completed", now(),
								"{\"step_id\": \"" + tooLong + "\"}"))),
				call("recordEvents", "data.step_id must be at most 512 bytes",
						() -> this.storage.recordEvents(runId, List.of(TestData.event(runId, "step.completed", now(),
								"{\"step_id\": \"" + tooLongInUtf8 + "\"}")))),
				call("createStep", "stepId must be at most 512 bytes",
						() -> this.storage.createStep(Step.pending(tooLong, runId, "charge", now()))),
				call("createHook", "token must be at most 512 bytes",
						() -> this.storage.createHook(new Hook(TestData.id("hook"), runId, tooLong, now(), null, null,
								HookStatus.PENDING, null, "{}"))),
				call("createSchedule", "scheduleId must be at most 512 bytes",
						() -> this.storage.createSchedule(Schedule.active(tooLong, "inputs", ScheduleSpec.cron("0 9 * * *"),
								now(), now()))),
				call("addRunningRun", "runId must be at most 512 bytes",
						() -> this.storage.addRunningRun(scheduleId, tooLong)),
				call("createRun", "createdAt must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, the years "
						+ "1 to 9999 that pyworkflow's Python datetime holds, got -1000000000-01-01T00:00:01Z",
						() -> this.storage.createRun(TestData.run(Instant.MIN.plusSeconds(1)).build())),
				call("createRun", "createdAt must be from 0001-01-01T00:00:00Z", 
						() -> this.storage.createRun(TestData.run(Instant.MAX.minusSeconds(1)).build())),
				call("createRun", "got 0000-12-31T23:59:59.999999Z",
						() -> this.storage.createRun(TestData.run(YEAR_0).build())),
				call("createRun", "completedAt must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, "
						+ "the years 1 to 9999 that pyworkflow's Python datetime holds, got +10000-01-01T00:00:00Z",
						() -> this.storage.createRun(TestData.run(now()).completedAt(YEAR_10000).build())),
				call("recordEvent", "timestamp must be from 0001-01-01T00:00:00Z",
						() -> this.storage.recordEvent(TestData.event(runId, "step.completed", Instant.MIN.plusSeconds(1), "{}"))),
				call("createStep", "startedAt must be from 0001-01-01T00:00:00Z",
						() -> this.storage.createStep(new Step(TestData.id("step"), runId, "charge", StepStatus.RUNNING,
								now(), YEAR_10000, null, "[]", "{}", null, null, 1))),
				call("createHook", "expiresAt must be from 0001-01-01T00:00:00Z",
						() -> this.storage.createHook(new Hook(TestData.id("hook"), runId, TestData.id("token"), now(),
								null, YEAR_0, HookStatus.PENDING, null, "{}"))),
				call("createSchedule", "nextRunTime must be from 0001-01-01T00:00:00Z",
						() -> this.storage.createSchedule(TestData.schedule("inputs", Instant.MAX.minusSeconds(1), now()))),
				call("createSchedule", "spec.endAt must be from 0001-01-01T00:00:00Z",
						() -> this.storage.createSchedule(withSpec(new ScheduleSpec("0 9 * * *", null, null, "UTC", null,
								YEAR_10000, null)))),
				call("updateSchedule", "lastRunTime must be from 0001-01-01T00:00:00Z",
						() -> this.storage.updateSchedule(new Schedule(scheduleId, "inputs", this.schedule.spec(),
								ScheduleStatus.ACTIVE, "[]", "{}", this.schedule.overlapPolicy(), now(), YEAR_0,
								List.of(), "{}", now(), now(), null, null))),
				call("listRuns", "startTime must be from 0001-01-01T00:00:00Z",
						() -> this.storage.listRuns(RunFilter.all().withTimeRange(Instant.MIN.plusSeconds(1), null))),
				call("listRuns", "endTime must be from 0001-01-01T00:00:00Z",
						() -> this.storage.listRuns(RunFilter.all().withTimeRange(null, Instant.MAX.minusSeconds(1)))),
				call("getDueSchedules", "now must be from 0001-01-01T00:00:00Z",
						() -> this.storage.getDueSchedules(Instant.MAX.minusSeconds(1))),
				call("recordEvent", "data must be a JSON object " + tooDeep,
						() -> this.storage.recordEvent(TestData.event(runId, "step.completed", now(), nestedObject(501)))),
				call("recordEvent", "data must be a JSON object " + tooDeep,
						() -> this.storage.recordEvent(TestData.event(runId, "step.completed", now(),
								"{\"a\": " + nestedArray(10_000) + "}"))),
				call("createRun", "context must be a JSON object " + tooDeep,
						() -> this.storage.createRun(TestData.run(now()).context(nestedObject(501)).build())),
				call("createRun", "inputArgs must be a JSON array " + tooDeep,
						() -> this.storage.createRun(TestData.run(now()).inputArgs(nestedArray(501)).build())),
				call("updateRunContext", "context must be a JSON object " + tooDeep,
						() -> this.storage.updateRunContext(runId, nestedObject(10_000))),
				call("createHook", "metadata must be a JSON object " + tooDeep,
						() -> this.storage.createHook(new Hook(TestData.id("hook"), runId, TestData.id("token"), now(),
								null, null, HookStatus.PENDING, null, nestedObject(501)))),
				call("createSchedule", "inputKwargs must be a JSON object " + tooDeep,
						() -> this.storage.createSchedule(withArguments("[]", nestedObject(501)))));
	}

	@ParameterizedTest
	@MethodSource("unstorableValues")
	void unstorableValuesAreRejectedNamingArgumentAndWriteNothing(Executable call, String operation, String message) {
		Snapshot before = snapshot();
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(call::execute)
			.withMessageStartingWith(operation + ": ")
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo(operation));
		assertThat(snapshot()).isEqualTo(before);
	}

	/** Everything a rejected call could have written to. */
	private record Snapshot(List<WorkflowRun> runs, Object events, Object steps, Object hooks, Object schedules,
			boolean cancellationFlag) {
	}

	private Snapshot snapshot() {
		String runId = this.run.runId();
		return new Snapshot(this.storage.listRuns(RunFilter.all().withLimit(RunFilter.MAX_LIMIT)).runs(),
				this.storage.getEvents(runId), this.storage.listSteps(runId),
				this.storage.listHooks(null, null, WorkflowStorage.MAX_LIMIT, 0),
				this.storage.listSchedules(null, null, WorkflowStorage.MAX_LIMIT, 0),
				this.storage.checkCancellationFlag(runId));
	}

	@Test
	void valuesAtTheLimitsAreKept() {
		String runId = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		// 128 characters outside the BMP, 4 bytes each.
		String idempotencyKey = "\uD83D\uDE00".repeat(128);
		WorkflowRun run = TestData.run(WorkflowStorage.EARLIEST_INSTANT)
			.runId(runId)
			.workflowName(idOfBytes(WorkflowStorage.MAX_ID_BYTES))
			.idempotencyKey(idempotencyKey)
			.completedAt(WorkflowStorage.LATEST_INSTANT)
			.context(nestedObject(WorkflowStorage.MAX_JSON_DEPTH))
			.inputArgs(nestedArray(WorkflowStorage.MAX_JSON_DEPTH))
			.build();
		this.storage.createRun(run);
		assertThat(this.storage.getRun(runId)).contains(run);
		assertThat(this.storage.getRunByIdempotencyKey(idempotencyKey)).contains(run);

		String stepId = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		String type = "step.completed";
		Event event = Event.of(idOfBytes(WorkflowStorage.MAX_ID_BYTES), runId, type, WorkflowStorage.LATEST_INSTANT,
				"{\"step_id\": \"" + stepId + "\", \"result\": " + nestedObject(WorkflowStorage.MAX_JSON_DEPTH - 1)
						+ "}");
		this.storage.recordEvent(event);
		assertThat(this.storage.getEvents(runId)).singleElement()
			.satisfies((stored) -> assertThat(stored.data()).isEqualTo(event.data()))
			.satisfies((stored) -> assertThat(stored.timestamp()).isEqualTo(WorkflowStorage.LATEST_INSTANT));
		assertThat(this.storage.hasEvent(runId, type, Map.of("step_id", stepId))).isTrue();

		Hook hook = new Hook(idOfBytes(WorkflowStorage.MAX_ID_BYTES), runId, idOfBytes(WorkflowStorage.MAX_ID_BYTES),
				WorkflowStorage.EARLIEST_INSTANT, null, WorkflowStorage.LATEST_INSTANT, HookStatus.PENDING, null, "{}");
		this.storage.createHook(hook);
		assertThat(this.storage.getHookByToken(hook.token())).contains(hook);

		Schedule schedule = Schedule.active(idOfBytes(WorkflowStorage.MAX_ID_BYTES), "limits",
				ScheduleSpec.cron("0 9 * * *"), WorkflowStorage.LATEST_INSTANT, WorkflowStorage.EARLIEST_INSTANT);
		this.storage.createSchedule(schedule);
		this.storage.addRunningRun(schedule.scheduleId(), runId);
		assertThat(this.storage.getSchedule(schedule.scheduleId())).get()
			.satisfies((stored) -> assertThat(stored.runningRunIds()).containsExactly(runId))
			.satisfies((stored) -> assertThat(stored.nextRunTime()).isEqualTo(WorkflowStorage.LATEST_INSTANT));
		assertThat(this.storage.getDueSchedules(WorkflowStorage.LATEST_INSTANT)).extracting(Schedule::scheduleId)
			.contains(schedule.scheduleId());
		assertThat(this.storage.listRuns(RunFilter.all()
			.withTimeRange(WorkflowStorage.EARLIEST_INSTANT, WorkflowStorage.LATEST_INSTANT)
			.withLimit(RunFilter.MAX_LIMIT)).runs()).contains(run);
	}

	@Test
	void hugeBadValuesAreShortenedInMessages() {
		String huge = "y".repeat(100_000);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.updateRunContext(this.run.runId(), huge))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400).contains("(100000 chars)"));
	}

	@Test
	void dataFilterValuesMustNotBeNull() {
		Map<String, String> filters = new java.util.HashMap<>();
		filters.put("step_id", null);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.hasEvent(this.run.runId(), "x", filters))
			.withMessageContaining("dataFilters[step_id] must not be null");
	}

}
