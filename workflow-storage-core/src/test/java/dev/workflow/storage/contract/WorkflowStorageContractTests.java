package dev.workflow.storage.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.EventTypes;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.OverlapPolicy;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleSpecType;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every {@link WorkflowStorage} must do, operation by operation. A backend's test extends
 * this class and says how to build the storage; nothing else.
 *
 * <p>
 * Tests share one store per class and keep apart through unique ids and workflow names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkflowStorageContractTests {

	protected final MutableClock clock = MutableClock.startingNow();

	protected WorkflowStorage storage;

	/**
	 * Builds the storage under test, empty or shared with no other test class.
	 * @param clock the clock the storage must take its time from
	 * @param eventTypes the event types it must record
	 * @return the storage
	 */
	protected abstract WorkflowStorage createStorage(MutableClock clock, EventTypes eventTypes);

	private WorkflowStorage anyEventTypeStorage;

	@BeforeAll
	void createStorageUnderTest() {
		this.storage = createStorage(this.clock, EventTypes.pyworkflow());
	}

	protected WorkflowStorage anyEventTypeStorage() {
		if (this.anyEventTypeStorage == null) {
			this.anyEventTypeStorage = createStorage(this.clock, EventTypes.any());
		}
		return this.anyEventTypeStorage;
	}

	protected WorkflowRun createdRun() {
		WorkflowRun run = TestData.run(this.clock.instant()).build();
		this.storage.createRun(run);
		return run;
	}

	protected Instant now() {
		return this.clock.instant();
	}

	// Runs

	@Test
	void countRunsCountsTheRunsCreatedInTheWindowByStatus() {
		// A window of its own, years back, so no other test's runs fall in it.
		Instant from = Instant.parse("1990-01-01T00:00:00Z").plusSeconds((long) (Math.random() * 100_000_000));
		List<RunStatus> statuses = List.of(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.COMPLETED,
				RunStatus.FAILED, RunStatus.RUNNING, RunStatus.RUNNING);
		for (int i = 0; i < statuses.size(); i++) {
			this.storage.createRun(TestData.run(from.plusSeconds(i)).status(statuses.get(i)).build());
		}
		this.storage.createRun(TestData.run(from.minusSeconds(1)).status(RunStatus.FAILED).build());
		this.storage.createRun(TestData.run(from.plusSeconds(60)).status(RunStatus.FAILED).build());

		RunCounts counts = this.storage.countRuns(from, from.plusSeconds(60));
		assertThat(counts.total()).isEqualTo(6);
		assertThat(counts.of(RunStatus.COMPLETED)).isEqualTo(3);
		assertThat(counts.of(RunStatus.FAILED)).isEqualTo(1);
		assertThat(counts.of(RunStatus.RUNNING)).isEqualTo(2);
		assertThat(counts.of(RunStatus.CANCELLED)).isZero();
		assertThat(this.storage.countRuns(from.minusSeconds(1), null).total()).isGreaterThanOrEqualTo(8);
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.countRuns(Instant.MIN.plusSeconds(1), null))
			.withMessageContaining("countRuns")
			.withMessageContaining("createdFrom");
	}

	@Test
	void createRunThenGetRunReturnsEveryField() {
		Instant created = now().minus(Duration.ofMinutes(5));
		WorkflowRun run = TestData.run(created)
			.status(RunStatus.RUNNING)
			.updatedAt(created.plusSeconds(1))
			.startedAt(created.plusNanos(123_456_789))
			.inputArgs("[1, \"two\"]")
			.inputKwargs("{\"customer\": \"ACME\"}")
			.idempotencyKey(TestData.id("key"))
			.maxDuration("1h")
			.context("{\"attempt\": 2}")
			.recoveryAttempts(1)
			.maxRecoveryAttempts(5)
			.recoverOnWorkerLoss(false)
			.nestingDepth(0)
			.continuedFromRunId("earlier-run")
			.build();
		this.storage.createRun(run);
		WorkflowRun read = this.storage.getRun(run.runId()).orElseThrow();
		assertThat(read).isEqualTo(run);
		assertThat(read.startedAt()).isEqualTo(created.plusNanos(123_456_000));
	}

	@Test
	void getRunOfUnknownIdIsEmpty() {
		assertThat(this.storage.getRun(TestData.id("missing"))).isEmpty();
	}

	@Test
	void createRunWithTakenIdFailsAndKeepsTheFirst() {
		WorkflowRun run = createdRun();
		WorkflowRun again = run.toBuilder().workflowName("other").build();
		assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> this.storage.createRun(again))
			.withMessageContaining("createRun")
			.withMessageContaining(run.runId())
			.satisfies((ex) -> assertThat(ex.getId()).isEqualTo(run.runId()));
		assertThat(this.storage.getRun(run.runId()).orElseThrow().workflowName()).isEqualTo("order_workflow");
	}

	@Test
	void createRunWithTakenIdempotencyKeyNamesTheExistingRun() {
		String key = TestData.id("key");
		WorkflowRun first = TestData.run(now()).idempotencyKey(key).build();
		this.storage.createRun(first);
		WorkflowRun second = TestData.run(now()).idempotencyKey(key).build();
		assertThatExceptionOfType(DuplicateIdempotencyKeyException.class)
			.isThrownBy(() -> this.storage.createRun(second))
			.satisfies((ex) -> {
				assertThat(ex.getExistingRunId()).isEqualTo(first.runId());
				assertThat(ex.getIdempotencyKey()).isEqualTo(key);
			})
			.withMessageContaining(first.runId());
		assertThat(this.storage.getRun(second.runId())).isEmpty();
		assertThat(this.storage.getRunByIdempotencyKey(key)).contains(first);
	}

	@Test
	void getRunByUnknownIdempotencyKeyIsEmpty() {
		assertThat(this.storage.getRunByIdempotencyKey(TestData.id("key"))).isEmpty();
	}

	@Test
	void createRunWithUnknownParentFails() {
		WorkflowRun child = TestData.run(now()).parentRunId(TestData.id("nobody")).nestingDepth(1).build();
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.storage.createRun(child))
			.withMessageContaining(child.parentRunId());
		assertThat(this.storage.getRun(child.runId())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(RunStatus.class)
	void updateRunStatusSetsCompletedAtOnlyForTerminalStatuses(RunStatus status) {
		WorkflowRun run = createdRun();
		Instant changed = this.clock.advance(Duration.ofSeconds(3));
		this.storage.updateRunStatus(run.runId(), status, null, null);
		WorkflowRun read = this.storage.getRun(run.runId()).orElseThrow();
		assertThat(read.status()).isEqualTo(status);
		assertThat(read.updatedAt()).isEqualTo(changed);
		boolean terminal = status == RunStatus.COMPLETED || status == RunStatus.FAILED
				|| status == RunStatus.CANCELLED;
		assertThat(read.completedAt()).isEqualTo(terminal ? changed : null);
	}

	@Test
	void updateRunStatusKeepsResultAndErrorUnlessGiven() {
		WorkflowRun run = createdRun();
		this.storage.updateRunStatus(run.runId(), RunStatus.FAILED, "{\"partial\": true}", "boom");
		this.storage.updateRunStatus(run.runId(), RunStatus.RUNNING, null, null);
		WorkflowRun read = this.storage.getRun(run.runId()).orElseThrow();
		assertThat(read.result()).isEqualTo("{\"partial\": true}");
		assertThat(read.error()).isEqualTo("boom");
		this.storage.updateRunStatus(run.runId(), RunStatus.COMPLETED, "42", null);
		assertThat(this.storage.getRun(run.runId()).orElseThrow().result()).isEqualTo("42");
	}

	@Test
	void updatesOfUnknownRunFailNamingTheRun() {
		String missing = TestData.id("missing");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateRunStatus(missing, RunStatus.RUNNING, null, null))
			.withMessageContaining("updateRunStatus")
			.withMessageContaining(missing);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateRunRecoveryAttempts(missing, 1));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateRunContext(missing, "{}"));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateRunContinuation(missing, "next"));
	}

	@Test
	void tryClaimRunMovesOnlyFromTheExpectedStatus() {
		WorkflowRun run = createdRun();
		assertThat(this.storage.tryClaimRun(run.runId(), RunStatus.RUNNING, RunStatus.COMPLETED)).isFalse();
		assertThat(this.storage.tryClaimRun(run.runId(), RunStatus.PENDING, RunStatus.RUNNING)).isTrue();
		assertThat(this.storage.tryClaimRun(run.runId(), RunStatus.PENDING, RunStatus.RUNNING)).isFalse();
		assertThat(this.storage.getRun(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
		assertThat(this.storage.tryClaimRun(TestData.id("missing"), RunStatus.PENDING, RunStatus.RUNNING)).isFalse();
	}

	@Test
	void recoveryAttemptsAndContextAreUpdated() {
		WorkflowRun run = createdRun();
		Instant changed = this.clock.advance(Duration.ofMillis(10));
		this.storage.updateRunRecoveryAttempts(run.runId(), 2);
		this.storage.updateRunContext(run.runId(), "{\"step\": \"charge\", \"n\": [1, 2]}");
		WorkflowRun read = this.storage.getRun(run.runId()).orElseThrow();
		assertThat(read.recoveryAttempts()).isEqualTo(2);
		assertThat(read.updatedAt()).isEqualTo(changed);
		assertThat(this.storage.getRunContext(run.runId())).isEqualTo("{\"step\": \"charge\", \"n\": [1, 2]}");
		assertThat(this.storage.getRunContext(TestData.id("missing"))).isEqualTo("{}");
	}

	@Test
	void listRunsReturnsNewestFirstWithFilters() {
		String name = TestData.id("list_wf");
		Instant base = now().minus(Duration.ofHours(1));
		WorkflowRun oldest = TestData.run(base).workflowName(name).build();
		WorkflowRun middle = TestData.run(base.plusSeconds(10))
			.workflowName(name)
			.status(RunStatus.COMPLETED)
			.build();
		WorkflowRun newest = TestData.run(base.plusSeconds(20)).workflowName(name).build();
		List.of(middle, oldest, newest).forEach(this.storage::createRun);
		RunFilter byName = RunFilter.all().withQuery(name.toUpperCase());
		assertThat(this.storage.listRuns(byName).runs()).containsExactly(newest, middle, oldest);
		assertThat(this.storage.listRuns(byName.withStatus(RunStatus.COMPLETED)).runs()).containsExactly(middle);
		assertThat(this.storage.listRuns(byName.withTimeRange(base, base.plusSeconds(20))).runs())
			.containsExactly(middle, oldest);
		assertThat(this.storage.listRuns(byName.withTimeRange(base.plusSeconds(10), null)).runs())
			.containsExactly(newest, middle);
		RunPage first = this.storage.listRuns(byName.withLimit(2));
		assertThat(first.runs()).containsExactly(newest, middle);
		assertThat(first.nextCursor()).contains(middle.runId());
		RunPage second = this.storage.listRuns(byName.withLimit(2).withCursor(first.nextCursor().orElseThrow()));
		assertThat(second.runs()).containsExactly(oldest);
		assertThat(second.nextCursor()).isEmpty();
	}

	@Test
	void listRunsQueryMatchesInputKwargs() {
		String marker = TestData.id("Customer");
		WorkflowRun run = TestData.run(now()).inputKwargs("{\"customer\": \"" + marker + "\"}").build();
		this.storage.createRun(run);
		assertThat(this.storage.listRuns(RunFilter.all().withQuery(marker.toLowerCase())).runs())
			.containsExactly(run);
	}

	@Test
	void listRunsQueryTreatsWildcardsAndQuotesLiterally() {
		String name = TestData.id("wild");
		WorkflowRun percent = TestData.run(now()).workflowName(name + "_100%_it's").build();
		WorkflowRun plain = TestData.run(now()).workflowName(name + "x100xxit's").build();
		this.storage.createRun(percent);
		this.storage.createRun(plain);
		assertThat(this.storage.listRuns(RunFilter.all().withQuery(name + "_100%")).runs()).containsExactly(percent);
		assertThat(this.storage.listRuns(RunFilter.all().withQuery("100%_it's")).runs()).contains(percent)
			.doesNotContain(plain);
		assertThat(this.storage.listRuns(RunFilter.all().withQuery(name + "_")).runs()).containsExactly(percent);
	}

	@Test
	void listRunsWithUnknownCursorFails() {
		String cursor = TestData.id("nowhere");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.listRuns(RunFilter.all().withCursor(cursor)))
			.withMessageContaining("listRuns")
			.withMessageContaining(cursor);
	}

	@Test
	void workflowChainIsFoundFromAnyRunOldestFirst() {
		WorkflowRun first = createdRun();
		WorkflowRun second = TestData.run(now()).continuedFromRunId(first.runId()).build();
		this.storage.createRun(second);
		this.storage.updateRunStatus(first.runId(), RunStatus.CONTINUED_AS_NEW, null, null);
		this.storage.updateRunContinuation(first.runId(), second.runId());
		WorkflowRun third = TestData.run(now()).continuedFromRunId(second.runId()).build();
		this.storage.createRun(third);
		this.storage.updateRunContinuation(second.runId(), third.runId());
		for (WorkflowRun member : List.of(first, second, third)) {
			assertThat(this.storage.getWorkflowChain(member.runId())).extracting(WorkflowRun::runId)
				.containsExactly(first.runId(), second.runId(), third.runId());
		}
		assertThat(this.storage.getRun(first.runId()).orElseThrow().continuedToRunId()).isEqualTo(second.runId());
		assertThat(this.storage.getWorkflowChain(TestData.id("missing"))).isEmpty();
	}

	@Test
	void childrenParentAndNestingDepth() {
		WorkflowRun parent = createdRun();
		WorkflowRun older = TestData.run(now().plusMillis(1)).parentRunId(parent.runId()).nestingDepth(1).build();
		WorkflowRun younger = TestData.run(now().plusMillis(2))
			.parentRunId(parent.runId())
			.nestingDepth(1)
			.status(RunStatus.RUNNING)
			.build();
		this.storage.createRun(younger);
		this.storage.createRun(older);
		assertThat(this.storage.getChildren(parent.runId(), null)).containsExactly(older, younger);
		assertThat(this.storage.getChildren(parent.runId(), RunStatus.RUNNING)).containsExactly(younger);
		assertThat(this.storage.getParent(older.runId())).contains(parent);
		assertThat(this.storage.getParent(parent.runId())).isEmpty();
		assertThat(this.storage.getNestingDepth(older.runId())).isEqualTo(1);
		assertThat(this.storage.getNestingDepth(TestData.id("missing"))).isZero();
	}

	// Event log

	@Test
	void recordEventAssignsSequencesFromZeroAndGetEventsKeepsThatOrder() {
		WorkflowRun run = createdRun();
		Event started = TestData.event(run.runId(), "workflow.started", now(), "{}");
		Event stepDone = TestData.event(run.runId(), "step.completed", now(), "{\"step_id\": \"s1\", \"result\": 1}");
		Event sleep = TestData.event(run.runId(), "sleep.started", now(), "{\"x\": null}");
		assertThat(this.storage.recordEvent(started)).isZero();
		assertThat(this.storage.recordEvent(stepDone)).isEqualTo(1);
		assertThat(this.storage.recordEvent(sleep)).isEqualTo(2);
		assertThat(this.storage.getEvents(run.runId())).containsExactly(started.withSequence(0),
				stepDone.withSequence(1), sleep.withSequence(2));
		assertThat(this.storage.getEvents(run.runId(), List.of("step.completed", "sleep.started")))
			.extracting(Event::sequence)
			.containsExactly(1, 2);
		assertThat(this.storage.getLatestEvent(run.runId(), null)).contains(sleep.withSequence(2));
		assertThat(this.storage.getLatestEvent(run.runId(), "workflow.started")).contains(started.withSequence(0));
		assertThat(this.storage.getLatestEvent(run.runId(), "hook.received")).isEmpty();
		assertThat(this.storage.getEvents(TestData.id("missing"))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "step.suspended", "signal.wait_started", "signal.received", "signal.published",
			"stream_step.started", "stream_step.completed", "checkpoint.saved", "checkpoint.loaded" })
	void recordEventRecordsTheEventTypesOfPyworkflow45fbe4c(String type) {
		WorkflowRun run = createdRun();
		Event event = TestData.event(run.runId(), type, now(), "{\"step_id\": \"stream-step\"}");
		assertThat(this.storage.recordEvent(event)).isZero();
		assertThat(this.storage.getEvents(run.runId(), List.of(type))).containsExactly(event.withSequence(0));
	}

	@Test
	void recordEventForWorkersOfPyworkflow2aed3e2RefusesTheTypesTheyCannotRead() {
		WorkflowStorage forOldWorkers = createStorage(this.clock, EventTypes.pyworkflow2aed3e2());
		WorkflowRun run = TestData.run(now()).build();
		forOldWorkers.createRun(run);
		assertThat(forOldWorkers.recordEvent(TestData.event(run.runId(), "step.completed", now(), "{}"))).isZero();
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> forOldWorkers.recordEvent(TestData.event(run.runId(), "signal.received", now(), "{}")))
			.withMessageContaining("pyworkflow 2aed3e2's event types")
			.withMessageContaining("'signal.received'");
		assertThat(forOldWorkers.getEvents(run.runId())).hasSize(1);
	}

	@Test
	void recordEventRefusesTypesPyworkflowCannotReadUnlessAnyTypeIsAllowed() {
		WorkflowRun run = createdRun();
		Event custom = TestData.event(run.runId(), "vendor.custom_thing", now(), "{\"x\": null}");
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.storage.recordEvent(custom))
			.withMessageContaining("recordEvent")
			.withMessageContaining("'vendor.custom_thing'")
			.withMessageContaining("workflow.started");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.recordEvents(run.runId(), List.of(custom)));
		assertThat(this.storage.getEvents(run.runId())).isEmpty();

		WorkflowStorage anyType = anyEventTypeStorage();
		WorkflowRun other = TestData.run(now()).build();
		anyType.createRun(other);
		Event started = TestData.event(other.runId(), "workflow.started", now(), "{}");
		Event mine = TestData.event(other.runId(), "vendor.custom_thing", now(), "{\"x\": null}");
		assertThat(anyType.recordEvent(started)).isZero();
		assertThat(anyType.recordEvent(mine)).isEqualTo(1);
		assertThat(anyType.getEvents(other.runId(), List.of("vendor.custom_thing"))).containsExactly(mine.withSequence(1));
		assertThat(anyType.getLatestEvent(other.runId(), null)).contains(mine.withSequence(1));
	}

	@Test
	void jsonThatPythonWritesIsKeptAsItIsOutsideEventData() {
		// json.dumps writes NaN and escapes a NUL; pyworkflow reads these columns with json.loads.
		WorkflowRun run = TestData.run(now())
			.inputArgs("[NaN, Infinity, 1e999999]")
			.inputKwargs("{\"note\": \"a\\u0000b\"}")
			.context("{\"surrogate\": \"\\ud800\"}")
			.build();
		this.storage.createRun(run);
		assertThat(this.storage.getRun(run.runId())).contains(run);
		assertThat(this.storage.getRunContext(run.runId())).isEqualTo("{\"surrogate\": \"\\ud800\"}");
	}

	@Test
	void recordEventForUnknownRunFails() {
		String missing = TestData.id("missing");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.recordEvent(TestData.event(missing, "workflow.started", now(), "{}")))
			.withMessageContaining("recordEvent")
			.withMessageContaining(missing);
	}

	@Test
	void recordEventWithTakenIdFailsAndAppendsNothing() {
		WorkflowRun run = createdRun();
		Event event = TestData.event(run.runId(), "workflow.started", now(), "{}");
		this.storage.recordEvent(event);
		assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> this.storage.recordEvent(event))
			.withMessageContaining(event.eventId());
		assertThat(this.storage.getEvents(run.runId())).hasSize(1);
		assertThat(this.storage.recordEvent(TestData.event(run.runId(), "workflow.completed", now(), "{}")))
			.isEqualTo(1);
	}

	@Test
	void hasEventMatchesStepIdAndTopLevelDataFields() {
		WorkflowRun run = createdRun();
		this.storage.recordEvent(TestData.event(run.runId(), "step.completed", now(),
				"{\"step_id\": \"charge\", \"attempt\": 2, \"ok\": true, \"nested\": {\"a\": 1}}"));
		String id = run.runId();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("step_id", "charge"))).isTrue();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("step_id", "refund"))).isFalse();
		assertThat(this.storage.hasEvent(id, "step.failed", Map.of("step_id", "charge"))).isFalse();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("step_id", "charge", "attempt", "2"))).isTrue();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("attempt", "3"))).isFalse();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("ok", "true"))).isTrue();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of("missing", "x"))).isFalse();
		assertThat(this.storage.hasEvent(id, "step.completed", Map.of())).isTrue();
	}

	@Test
	void recordEventsAppendsABatchAfterExistingEvents() {
		WorkflowRun run = createdRun();
		this.storage.recordEvent(TestData.event(run.runId(), "workflow.started", now(), "{}"));
		List<Event> batch = List.of(TestData.event(run.runId(), "step.started", now(), "{\"step_id\": \"a\"}"),
				TestData.event(run.runId(), "step.completed", now().plusMillis(1), "{\"step_id\": \"a\"}"),
				TestData.event(run.runId(), "step.started", now().plusMillis(2), "{\"step_id\": \"b\"}"));
		assertThat(this.storage.recordEvents(run.runId(), batch)).containsExactly(1, 2, 3);
		assertThat(this.storage.getEvents(run.runId()).subList(1, 4)).containsExactly(batch.get(0).withSequence(1),
				batch.get(1).withSequence(2), batch.get(2).withSequence(3));
		assertThat(this.storage.hasEvent(run.runId(), "step.started", Map.of("step_id", "b"))).isTrue();
	}

	@Test
	void recordEventsWithOneTakenIdWritesNothing() {
		WorkflowRun run = createdRun();
		Event existing = TestData.event(run.runId(), "workflow.started", now(), "{}");
		this.storage.recordEvent(existing);
		List<Event> batch = List.of(TestData.event(run.runId(), "step.started", now(), "{}"), existing);
		assertThatExceptionOfType(DuplicateIdException.class)
			.isThrownBy(() -> this.storage.recordEvents(run.runId(), batch))
			.withMessageContaining(existing.eventId());
		assertThat(this.storage.getEvents(run.runId())).hasSize(1);
		assertThat(this.storage.recordEvents(run.runId(), List.of(batch.get(0)))).containsExactly(1);
	}

	@Test
	void recordEventsForUnknownRunFails() {
		String missing = TestData.id("missing");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.storage.recordEvents(missing,
				List.of(TestData.event(missing, "workflow.started", now(), "{}"))));
	}

	@Test
	void oneMegabyteEventPayloadRoundTrips() {
		WorkflowRun run = createdRun();
		String blob = "x".repeat(1024 * 1024);
		Event big = TestData.event(run.runId(), "step.completed", now(), "{\"blob\": \"" + blob + "\"}");
		this.storage.recordEvent(big);
		assertThat(this.storage.getEvents(run.runId()).get(0).data()).isEqualTo(big.data());
	}

	// Steps

	@Test
	void stepsAreCreatedUpdatedAndListedInCreationOrder() {
		WorkflowRun run = createdRun();
		Step second = TestData.step(run.runId(), now().plusMillis(5));
		Step first = new Step(TestData.id("step"), run.runId(), "reserve", StepStatus.RUNNING, now(),
				now().plusNanos(1_000), null, "[1]", "{\"a\": 1}", null, null, 2);
		this.storage.createStep(second);
		this.storage.createStep(first);
		assertThat(this.storage.getStep(first.stepId())).contains(first);
		assertThat(this.storage.listSteps(run.runId())).containsExactly(first, second);
		Instant done = this.clock.advance(Duration.ofSeconds(1));
		this.storage.updateStepStatus(first.stepId(), StepStatus.COMPLETED, "\"ok\"", null);
		Step read = this.storage.getStep(first.stepId()).orElseThrow();
		assertThat(read.status()).isEqualTo(StepStatus.COMPLETED);
		assertThat(read.result()).isEqualTo("\"ok\"");
		assertThat(read.completedAt()).isEqualTo(done);
		this.storage.updateStepStatus(second.stepId(), StepStatus.RETRYING, null, "timeout");
		assertThat(this.storage.getStep(second.stepId()).orElseThrow().completedAt()).isNull();
		assertThat(this.storage.getStep(second.stepId()).orElseThrow().error()).isEqualTo("timeout");
		assertThat(this.storage.getStep(TestData.id("missing"))).isEmpty();
	}

	@Test
	void stepFailures() {
		WorkflowRun run = createdRun();
		Step step = TestData.step(run.runId(), now());
		this.storage.createStep(step);
		assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> this.storage.createStep(step))
			.withMessageContaining(step.stepId());
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.createStep(TestData.step(TestData.id("missing"), now())));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateStepStatus("no-such-step", StepStatus.FAILED, null, null))
			.withMessageContaining("no-such-step");
	}

	// Hooks

	@Test
	void hooksAreFoundByIdAndTokenAndReceivePayloads() {
		WorkflowRun run = createdRun();
		Hook hook = new Hook(TestData.id("hook"), run.runId(), TestData.id("token"), now(), null,
				now().plus(Duration.ofDays(1)), HookStatus.PENDING, null, "{\"purpose\": \"approval\"}");
		this.storage.createHook(hook);
		assertThat(this.storage.getHook(hook.hookId(), run.runId())).contains(hook);
		assertThat(this.storage.getHook(hook.hookId(), null)).contains(hook);
		assertThat(this.storage.getHook(hook.hookId(), TestData.id("other"))).isEmpty();
		assertThat(this.storage.getHookByToken(hook.token())).contains(hook);
		assertThat(this.storage.getHookByToken(TestData.id("token"))).isEmpty();
		Instant received = this.clock.advance(Duration.ofSeconds(2));
		this.storage.updateHookStatus(hook.hookId(), HookStatus.RECEIVED, "{\"approved\": true}", run.runId());
		Hook read = this.storage.getHookByToken(hook.token()).orElseThrow();
		assertThat(read.status()).isEqualTo(HookStatus.RECEIVED);
		assertThat(read.payload()).isEqualTo("{\"approved\": true}");
		assertThat(read.receivedAt()).isEqualTo(received);
		this.storage.updateHookStatus(hook.hookId(), HookStatus.DISPOSED, null, null);
		assertThat(this.storage.getHook(hook.hookId(), null).orElseThrow().payload())
			.isEqualTo("{\"approved\": true}");
	}

	@Test
	void hookIdsAreUniquePerRunAndTokensEverywhere() {
		WorkflowRun run = createdRun();
		WorkflowRun other = createdRun();
		Hook hook = TestData.hook(run.runId(), now());
		this.storage.createHook(hook);
		assertThatExceptionOfType(DuplicateIdException.class)
			.isThrownBy(() -> this.storage.createHook(Hook.pending(hook.hookId(), run.runId(), now())))
			.withMessageContaining(hook.hookId());
		Hook sameToken = new Hook(TestData.id("hook"), other.runId(), hook.token(), now(), null, null,
				HookStatus.PENDING, null, "{}");
		assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> this.storage.createHook(sameToken))
			.withMessageContaining(hook.token())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo("hook token"));
		assertThat(this.storage.getHook(sameToken.hookId(), other.runId())).isEmpty();
		Hook sameIdOtherRun = Hook.pending(hook.hookId(), other.runId(), now());
		this.storage.createHook(sameIdOtherRun);
		assertThat(this.storage.getHook(hook.hookId(), other.runId())).contains(sameIdOtherRun);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.createHook(TestData.hook(TestData.id("missing"), now())));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateHookStatus("no-such-hook", HookStatus.EXPIRED, null, null));
	}

	@Test
	void listHooksIsNewestFirstWithFiltersAndPaging() {
		WorkflowRun run = createdRun();
		Hook h1 = TestData.hook(run.runId(), now().plusMillis(1));
		Hook h2 = TestData.hook(run.runId(), now().plusMillis(2));
		Hook h3 = TestData.hook(run.runId(), now().plusMillis(3));
		List.of(h2, h3, h1).forEach(this.storage::createHook);
		this.storage.updateHookStatus(h2.hookId(), HookStatus.EXPIRED, null, run.runId());
		assertThat(this.storage.listHooks(run.runId(), null, 10, 0)).extracting(Hook::hookId)
			.containsExactly(h3.hookId(), h2.hookId(), h1.hookId());
		assertThat(this.storage.listHooks(run.runId(), HookStatus.PENDING, 10, 0)).extracting(Hook::hookId)
			.containsExactly(h3.hookId(), h1.hookId());
		assertThat(this.storage.listHooks(run.runId(), null, 1, 1)).extracting(Hook::hookId)
			.containsExactly(h2.hookId());
		assertThat(this.storage.listHooks(null, null, 10_000, 0)).extracting(Hook::hookId)
			.contains(h1.hookId(), h2.hookId(), h3.hookId());
	}

	// Cancellation flags

	@Test
	void cancellationFlagsAreSetIdempotentlyAndCleared() {
		WorkflowRun run = createdRun();
		assertThat(this.storage.checkCancellationFlag(run.runId())).isFalse();
		this.storage.setCancellationFlag(run.runId());
		this.storage.setCancellationFlag(run.runId());
		assertThat(this.storage.checkCancellationFlag(run.runId())).isTrue();
		this.storage.clearCancellationFlag(run.runId());
		this.storage.clearCancellationFlag(run.runId());
		assertThat(this.storage.checkCancellationFlag(run.runId())).isFalse();
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.setCancellationFlag(TestData.id("missing")));
	}

	// Schedules

	@Test
	void scheduleRoundTripsEverySpecForm() {
		Instant start = now().truncatedTo(ChronoUnit.SECONDS);
		ScheduleSpec calendar = new ScheduleSpec(null, null,
				List.of(new CalendarSpec(0, 30, 9, null, null, 0), new CalendarSpec(15, 0, 17, 1, 6, null)),
				"Europe/Bratislava", start, start.plus(Duration.ofDays(30)).plusNanos(250_000), "30s");
		Schedule schedule = new Schedule(TestData.id("sched"), "report", calendar, ScheduleStatus.PAUSED, "[1]",
				"{\"k\": 2}", OverlapPolicy.BUFFER_ALL, now().plusSeconds(60), now().minusSeconds(60),
				List.of("r1", "r2"), "{\"owner\": \"ops\"}", now(), now(), now(), null);
		this.storage.createSchedule(schedule);
		Schedule read = this.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(read).isEqualTo(schedule);
		assertThat(read.spec().type()).isEqualTo(ScheduleSpecType.CALENDAR);
		Schedule interval = TestData.schedule("report", null, now());
		interval = new Schedule(interval.scheduleId(), "report", ScheduleSpec.interval("5m"), ScheduleStatus.ACTIVE,
				"[]", "{}", OverlapPolicy.ALLOW_ALL, null, null, List.of(), "{}", now(), now(), null, null);
		this.storage.createSchedule(interval);
		assertThat(this.storage.getSchedule(interval.scheduleId())).contains(interval);
		assertThat(this.storage.getSchedule(TestData.id("missing"))).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unboundedSpecTimes")
	void createScheduleWithASpecTimeBeyondPythonsDatetimeFailsNamingTheField(String field, ScheduleSpec spec) {
		Schedule schedule = Schedule.active(TestData.id("sched"), "report", spec, now(), now());
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.storage.createSchedule(schedule))
			.withMessageContaining("createSchedule")
			.withMessageContaining(field);
		assertThat(this.storage.getSchedule(schedule.scheduleId())).isEmpty();
	}

	static Stream<Arguments> unboundedSpecTimes() {
		ScheduleSpec cron = ScheduleSpec.cron("0 9 * * *");
		return Stream.of(Arguments.of("spec.startAt", withTimes(cron, Instant.MIN, null)),
				Arguments.of("spec.startAt", withTimes(cron, Instant.MAX, null)),
				Arguments.of("spec.endAt", withTimes(cron, null, Instant.MIN)),
				Arguments.of("spec.endAt", withTimes(cron, null, Instant.MAX)));
	}

	private static ScheduleSpec withTimes(ScheduleSpec spec, Instant startAt, Instant endAt) {
		return new ScheduleSpec(spec.cron(), spec.interval(), spec.calendar(), spec.timezone(), startAt, endAt,
				spec.jitter());
	}

	@Test
	void scheduleUpdateAndSoftDelete() {
		Schedule schedule = TestData.schedule("billing", now(), now());
		this.storage.createSchedule(schedule);
		assertThatExceptionOfType(DuplicateIdException.class)
			.isThrownBy(() -> this.storage.createSchedule(schedule))
			.withMessageContaining(schedule.scheduleId());
		Instant updated = this.clock.advance(Duration.ofMinutes(1));
		Schedule paused = new Schedule(schedule.scheduleId(), "billing", ScheduleSpec.cron("0 10 * * *"),
				ScheduleStatus.PAUSED, "[]", "{}", OverlapPolicy.CANCEL_OTHER, now().plusSeconds(5), now(), List.of(),
				"{}", schedule.createdAt(), schedule.updatedAt(), updated, null);
		this.storage.updateSchedule(paused);
		Schedule read = this.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(read.spec().cron()).isEqualTo("0 10 * * *");
		assertThat(read.status()).isEqualTo(ScheduleStatus.PAUSED);
		assertThat(read.overlapPolicy()).isEqualTo(OverlapPolicy.CANCEL_OTHER);
		assertThat(read.updatedAt()).isEqualTo(updated);
		assertThat(read.createdAt()).isEqualTo(schedule.createdAt());
		Instant deleted = this.clock.advance(Duration.ofMinutes(1));
		this.storage.deleteSchedule(schedule.scheduleId());
		read = this.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(read.status()).isEqualTo(ScheduleStatus.DELETED);
		assertThat(read.deletedAt()).isEqualTo(deleted);
		Schedule missing = TestData.schedule("billing", now(), now());
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.storage.updateSchedule(missing))
			.withMessageContaining(missing.scheduleId());
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.deleteSchedule(missing.scheduleId()));
	}

	@Test
	void listSchedulesIsNewestFirstWithFiltersAndPaging() {
		String workflow = TestData.id("wf");
		Schedule s1 = TestData.schedule(workflow, null, now().plusMillis(1));
		Schedule s2 = TestData.schedule(workflow, null, now().plusMillis(2));
		Schedule s3 = TestData.schedule(workflow, null, now().plusMillis(3));
		List.of(s2, s1, s3).forEach(this.storage::createSchedule);
		this.storage.deleteSchedule(s2.scheduleId());
		assertThat(this.storage.listSchedules(workflow, null, 10, 0)).extracting(Schedule::scheduleId)
			.containsExactly(s3.scheduleId(), s2.scheduleId(), s1.scheduleId());
		assertThat(this.storage.listSchedules(workflow, ScheduleStatus.ACTIVE, 10, 0)).extracting(Schedule::scheduleId)
			.containsExactly(s3.scheduleId(), s1.scheduleId());
		assertThat(this.storage.listSchedules(workflow, null, 2, 1)).extracting(Schedule::scheduleId)
			.containsExactly(s2.scheduleId(), s1.scheduleId());
	}

	@Test
	void dueSchedulesAreActiveAndDueEarliestFirst() {
		Instant at = now().plus(Duration.ofDays(3650));
		Schedule late = TestData.schedule("due", at.minusSeconds(1), now());
		Schedule early = TestData.schedule("due", at.minusSeconds(30), now());
		Schedule exactlyNow = TestData.schedule("due", at, now());
		Schedule future = TestData.schedule("due", at.plusSeconds(1), now());
		Schedule paused = TestData.schedule("due", at.minusSeconds(60), now()).withStatus(ScheduleStatus.PAUSED,
				now());
		List.of(late, early, exactlyNow, future, paused).forEach(this.storage::createSchedule);
		List<String> due = this.storage.getDueSchedules(at).stream().map(Schedule::scheduleId).toList();
		assertThat(due).containsSubsequence(early.scheduleId(), late.scheduleId(), exactlyNow.scheduleId())
			.doesNotContain(future.scheduleId(), paused.scheduleId());
	}

	@Test
	void runningRunsHaveSetSemantics() {
		Schedule schedule = TestData.schedule("running", null, now());
		this.storage.createSchedule(schedule);
		this.storage.addRunningRun(schedule.scheduleId(), "r1");
		this.storage.addRunningRun(schedule.scheduleId(), "r2");
		this.storage.addRunningRun(schedule.scheduleId(), "r1");
		assertThat(this.storage.getSchedule(schedule.scheduleId()).orElseThrow().runningRunIds())
			.containsExactly("r1", "r2");
		Instant removed = this.clock.advance(Duration.ofSeconds(1));
		this.storage.removeRunningRun(schedule.scheduleId(), "r1");
		this.storage.removeRunningRun(schedule.scheduleId(), "not-there");
		Schedule read = this.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(read.runningRunIds()).containsExactly("r2");
		assertThat(read.updatedAt()).isEqualTo(removed);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.addRunningRun("no-such-schedule", "r1"))
			.withMessageContaining("no-such-schedule");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.removeRunningRun("no-such-schedule", "r1"));
	}

	// Lifecycle

	@Test
	void healthCheckPasses() {
		this.storage.checkHealth();
	}

}
