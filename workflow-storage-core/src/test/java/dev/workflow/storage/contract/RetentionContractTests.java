package dev.workflow.storage.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@code deleteOldRuns} deletes and keeps on every backend: the rows pyworkflow 45fbe4c's
 * {@code delete_old_runs} deletes (but soft-deleted schedules, which it means to delete and does
 * not), in batches of whole runs. Each test has a storage of its own, since a pass deletes
 * whatever in it is old.
 */
public abstract class RetentionContractTests {

	private static final Duration AGE = Duration.ofDays(30);

	protected MutableClock clock;

	protected WorkflowStorage storage;

	/**
	 * Builds an empty storage, shared with no other test.
	 * @param clock the clock the storage must take its time from
	 * @return the storage
	 */
	protected abstract WorkflowStorage createStorage(MutableClock clock);

	@BeforeEach
	void createStorageUnderTest() {
		this.clock = MutableClock.startingNow();
		this.storage = createStorage(this.clock);
	}

	private Instant now() {
		return this.clock.instant();
	}

	// The cutoff of a pass run now for runs of the given age.
	private Instant cutoff() {
		return now().minus(AGE);
	}

	private WorkflowRun run(RunStatus status, Instant updatedAt) {
		WorkflowRun run = TestData.run(updatedAt.minusSeconds(60)).status(status).updatedAt(updatedAt).build();
		this.storage.createRun(run);
		return run;
	}

	private WorkflowRun oldRun(RunStatus status) {
		return run(status, cutoff().minusSeconds(1));
	}

	// A run with an event, a step with a checkpoint, a hook and a cancellation flag.
	private WorkflowRun withEverything(WorkflowRun run) {
		this.storage.recordEvent(TestData.event(run.runId(), "workflow.started", run.createdAt(), "{}"));
		Step step = TestData.step(run.runId(), run.createdAt());
		this.storage.createStep(step);
		this.storage.saveCheckpoint(step.stepId(), "{\"cursor\": 1}");
		this.storage.createHook(TestData.hook(run.runId(), run.createdAt()));
		this.storage.setCancellationFlag(run.runId());
		return run;
	}

	private boolean isGone(WorkflowRun run) {
		return this.storage.getRun(run.runId()).isEmpty() && this.storage.getEvents(run.runId()).isEmpty()
				&& this.storage.listSteps(run.runId()).isEmpty()
				&& this.storage.listHooks(run.runId(), null, 10, 0).isEmpty()
				&& !this.storage.checkCancellationFlag(run.runId());
	}

	private boolean isWhole(WorkflowRun run) {
		List<Step> steps = this.storage.listSteps(run.runId());
		return this.storage.getRun(run.runId()).isPresent() && this.storage.getEvents(run.runId()).size() == 1
				&& steps.size() == 1 && this.storage.loadCheckpoint(steps.get(0).stepId()).isPresent()
				&& this.storage.listHooks(run.runId(), null, 10, 0).size() == 1
				&& this.storage.checkCancellationFlag(run.runId());
	}

	@Test
	void endedRunsLastUpdatedBeforeTheCutoffGoWithEverythingOfTheirs() {
		List<WorkflowRun> deleted = new ArrayList<>();
		for (RunStatus status : List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED,
				RunStatus.CONTINUED_AS_NEW, RunStatus.INTERRUPTED)) {
			deleted.add(withEverything(oldRun(status)));
		}
		List<WorkflowRun> kept = new ArrayList<>();
		for (RunStatus status : List.of(RunStatus.PENDING, RunStatus.RUNNING, RunStatus.SUSPENDED)) {
			kept.add(withEverything(oldRun(status)));
		}
		kept.add(withEverything(run(RunStatus.COMPLETED, cutoff())));
		kept.add(withEverything(run(RunStatus.FAILED, now())));

		RetentionPass pass = this.storage.deleteOldRuns(cutoff());

		assertThat(deleted).allMatch(this::isGone);
		assertThat(kept).allMatch(this::isWhole);
		assertThat(pass.runs()).isEqualTo(5);
		assertThat(pass.skipped()).isFalse();
		for (String table : List.of("workflow_runs", "events", "steps", "checkpoints", "hooks", "cancellation_flags")) {
			assertThat(pass.rowsOf(table)).as(table).isEqualTo(5);
		}
		assertThat(this.storage.deleteOldRuns(cutoff()).runs()).isZero();
	}

	@Test
	void oldStreamRowsAndSoftDeletedSchedulesGoAsPyworkflowMeantThem() {
		String stream = TestData.id("stream");
		NewSignal oldSignal = TestData.signal(stream, "stream-run", "tick");
		this.storage.publishSignal(oldSignal);
		this.storage.acknowledgeSignal(oldSignal.signalId(), "step-old");
		String deliveredOld = this.storage.scheduleSignal(NewScheduledSignal.of(stream, "tick", "{}", now()));
		this.storage.markScheduledSignalDelivered(deliveredOld);
		String pendingOld = this.storage.scheduleSignal(NewScheduledSignal.of(stream, "tick", "{}", now()));
		this.storage.registerStreamSubscription(stream, "terminated-old", List.of("tick"), null);
		this.storage.updateSubscriptionStatus(stream, "terminated-old", SubscriptionStatus.TERMINATED);
		this.storage.registerStreamSubscription(stream, "completed-old", List.of("tick"), null);
		this.storage.updateSubscriptionStatus(stream, "completed-old", SubscriptionStatus.COMPLETED);
		this.storage.registerStreamSubscription(stream, "waiting-old", List.of("tick"), null);
		Schedule deletedOld = TestData.schedule("report", now(), now());
		this.storage.createSchedule(deletedOld);
		this.storage.deleteSchedule(deletedOld.scheduleId());
		Schedule activeOld = TestData.schedule("report", now(), now());
		this.storage.createSchedule(activeOld);
		this.clock.advance(AGE.plusDays(1));
		NewSignal newSignal = TestData.signal(stream, "stream-run", "tick");
		this.storage.publishSignal(newSignal);
		this.storage.acknowledgeSignal(newSignal.signalId(), "step-new");
		String deliveredNew = this.storage.scheduleSignal(NewScheduledSignal.of(stream, "tick", "{}", now()));
		this.storage.markScheduledSignalDelivered(deliveredNew);
		this.storage.registerStreamSubscription(stream, "terminated-new", List.of("tick"), null);
		this.storage.updateSubscriptionStatus(stream, "terminated-new", SubscriptionStatus.TERMINATED);
		Schedule deletedNew = TestData.schedule("report", now(), now());
		this.storage.createSchedule(deletedNew);
		this.storage.deleteSchedule(deletedNew.scheduleId());

		RetentionPass pass = this.storage.deleteOldRuns(cutoff());

		assertThat(this.storage.getSignals(stream, 0, 10)).extracting(Signal::signalId)
			.containsExactly(newSignal.signalId());
		this.storage.registerStreamSubscription(stream, "reader", List.of("tick"), null);
		assertThat(this.storage.getPendingSignals(stream, "step-new")).isEmpty();
		assertThat(this.storage.fetchDueScheduledSignals(now(), 10)).extracting(ScheduledSignal::id)
			.containsExactly(pendingOld);
		assertThat(this.storage.getSubscriptionStates(stream, null)).extracting(StreamSubscription::stepRunId)
			.containsExactlyInAnyOrder("waiting-old", "terminated-new", "reader");
		assertThat(this.storage.getSchedule(deletedOld.scheduleId())).isEmpty();
		assertThat(this.storage.getSchedule(activeOld.scheduleId())).isPresent();
		assertThat(this.storage.getSchedule(deletedNew.scheduleId())).isPresent();
		assertThat(pass.rowsOf("signals")).isEqualTo(1);
		assertThat(pass.rowsOf("signal_acknowledgments")).isEqualTo(1);
		assertThat(pass.rowsOf("scheduled_signals")).isEqualTo(1);
		assertThat(pass.rowsOf("stream_subscriptions")).isEqualTo(2);
		assertThat(pass.rowsOf("schedules")).isEqualTo(1);
		assertThat(pass.runs()).isZero();
	}

	@Test
	void aStreamRunWhoseSignalsAllWentNumbersFromZeroAgainAsInPyworkflow() {
		String stream = TestData.id("stream");
		this.storage.publishSignal(TestData.signal(stream, "stream-run", "tick"));
		this.storage.publishSignal(TestData.signal(stream, "stream-run", "tick"));
		this.clock.advance(AGE.plusDays(1));
		this.storage.deleteOldRuns(cutoff());
		assertThat(this.storage.publishSignal(TestData.signal(stream, "stream-run", "tick"))).isZero();
		assertThat(this.storage.queryStreamSignals(SignalQuery.of(stream, "stream-run"))).hasSize(1);
	}

	@Test
	void aRunWithAChildLeftIsKeptUntilTheChildGoes() {
		WorkflowRun parent = withEverything(oldRun(RunStatus.COMPLETED));
		WorkflowRun child = TestData.run(parent.createdAt())
			.parentRunId(parent.runId())
			.nestingDepth(1)
			.status(RunStatus.RUNNING)
			.updatedAt(parent.updatedAt())
			.build();
		this.storage.createRun(child);

		assertThat(this.storage.deleteOldRuns(cutoff(), 1).runs()).isZero();
		assertThat(isWhole(parent)).isTrue();

		this.storage.updateRunStatus(child.runId(), RunStatus.COMPLETED, null, null);
		this.clock.advance(AGE.plusDays(1));
		RetentionPass pass = this.storage.deleteOldRuns(cutoff(), 1);
		assertThat(pass.runs()).isEqualTo(2);
		assertThat(pass.batches()).isEqualTo(2);
		assertThat(isGone(parent)).isTrue();
		assertThat(this.storage.getRun(child.runId())).isEmpty();
	}

	@Test
	void eachBatchIsWholeRunsAndAPassTakesAsManyAsItNeeds() {
		List<WorkflowRun> runs = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			runs.add(withEverything(oldRun(RunStatus.COMPLETED)));
		}
		RetentionPass pass = this.storage.deleteOldRuns(cutoff(), 3);
		assertThat(pass.batches()).isEqualTo(3);
		assertThat(pass.runs()).isEqualTo(7);
		assertThat(pass.rowsOf("events")).isEqualTo(7);
		assertThat(runs).allMatch(this::isGone);
	}

	@Test
	void whatPointedAtADeletedRunStillReads() {
		WorkflowRun first = oldRun(RunStatus.CONTINUED_AS_NEW);
		WorkflowRun last = TestData.run(now()).continuedFromRunId(first.runId()).status(RunStatus.RUNNING).build();
		this.storage.createRun(last);
		this.storage.updateRunContinuation(first.runId(), last.runId());
		// updateRunContinuation touched it: make it old again.
		this.clock.advance(AGE.plusDays(1));
		Schedule schedule = TestData.schedule("report", now(), now());
		this.storage.createSchedule(schedule);
		this.storage.addRunningRun(schedule.scheduleId(), first.runId());

		assertThat(this.storage.deleteOldRuns(cutoff()).runs()).isEqualTo(1);

		assertThat(this.storage.getWorkflowChain(last.runId())).extracting(WorkflowRun::runId)
			.containsExactly(last.runId());
		assertThat(this.storage.getSchedule(schedule.scheduleId()).orElseThrow().runningRunIds())
			.containsExactly(first.runId());
	}

	@Test
	void theKeyAndTokenOfADeletedRunCanBeUsedAgain() {
		WorkflowRun run = TestData.run(cutoff().minusSeconds(120))
			.status(RunStatus.COMPLETED)
			.updatedAt(cutoff().minusSeconds(1))
			.idempotencyKey(TestData.id("key"))
			.build();
		this.storage.createRun(run);
		Hook hook = TestData.hook(run.runId(), run.createdAt());
		this.storage.createHook(hook);
		this.storage.deleteOldRuns(cutoff());

		WorkflowRun again = TestData.run(now()).idempotencyKey(run.idempotencyKey()).build();
		this.storage.createRun(again);
		assertThat(this.storage.getRunByIdempotencyKey(run.idempotencyKey())).contains(again);
		Hook sameToken = new Hook(TestData.id("hook"), again.runId(), hook.token(), now(), null, null,
				hook.status(), null, "{}");
		this.storage.createHook(sameToken);
		assertThat(this.storage.getHookByToken(hook.token())).contains(sameToken);
	}

	@Test
	void twoPassesAtOnceDeleteEveryRunOnce() throws Exception {
		List<WorkflowRun> runs = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			runs.add(withEverything(oldRun(RunStatus.COMPLETED)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<RetentionPass>> passes = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				passes.add(executor.submit(() -> {
					start.await();
					return this.storage.deleteOldRuns(cutoff(), 4);
				}));
			}
			start.countDown();
			long deleted = 0;
			for (Future<RetentionPass> pass : passes) {
				deleted += pass.get(120, TimeUnit.SECONDS).runs();
			}
			assertThat(deleted).isEqualTo(40);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(runs).allMatch(this::isGone);
	}

	@Test
	void badArgumentsAreRefusedNamingThem() {
		WorkflowRun run = oldRun(RunStatus.COMPLETED);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.storage.deleteOldRuns(null))
			.withMessageContaining("deleteOldRuns")
			.withMessageContaining("olderThan");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.deleteOldRuns(cutoff(), 0))
			.withMessageContaining("deleteOldRuns")
			.withMessageContaining("batchSize must be between 1 and");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.deleteOldRuns(Instant.MAX.minusSeconds(1), 10))
			.withMessageContaining("olderThan");
		assertThat(this.storage.getRun(run.runId())).isPresent();
	}

}
