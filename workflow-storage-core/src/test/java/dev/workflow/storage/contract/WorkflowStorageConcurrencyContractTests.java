package dev.workflow.storage.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link WorkflowStorage} must guarantee when callers race: all threads start
 * together at a latch, and the result must be exactly what the contract promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkflowStorageConcurrencyContractTests {

	private final MutableClock clock = MutableClock.startingNow();

	private WorkflowStorage storage;

	private ExecutorService executor;

	protected abstract WorkflowStorage createStorage(MutableClock clock);

	@BeforeAll
	void createStorageUnderTest() {
		this.storage = createStorage(this.clock);
		this.executor = Executors.newFixedThreadPool(16);
	}

	@AfterAll
	void stopThreads() {
		this.executor.shutdownNow();
	}

	private WorkflowRun createdRun() {
		WorkflowRun run = TestData.run(this.clock.instant()).build();
		this.storage.createRun(run);
		return run;
	}

	/**
	 * Runs {@code tasks} at once, released together, and returns each one's outcome: its result or
	 * the exception it threw.
	 */
	private List<Object> race(List<Callable<?>> tasks) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Object>> futures = new ArrayList<>();
		for (Callable<?> task : tasks) {
			futures.add(this.executor.submit(() -> {
				start.await();
				try {
					return task.call();
				}
				catch (RuntimeException ex) {
					return ex;
				}
			}));
		}
		start.countDown();
		List<Object> outcomes = new ArrayList<>();
		for (Future<Object> future : futures) {
			outcomes.add(future.get(120, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	@Test
	void eightThreadsAppendingToOneRunGetSequencesZeroTo1599() throws Exception {
		WorkflowRun run = createdRun();
		List<Callable<?>> appenders = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			appenders.add(() -> {
				List<Integer> sequences = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					sequences.add(this.storage
						.recordEvent(TestData.event(run.runId(), "step.completed", this.clock.instant(), "{}")));
				}
				return sequences;
			});
		}
		List<Integer> returned = new ArrayList<>();
		for (Object outcome : race(appenders)) {
			assertThat(outcome).isInstanceOf(List.class);
			((List<?>) outcome).forEach((sequence) -> returned.add((Integer) sequence));
		}
		List<Integer> expected = IntStream.range(0, 1600).boxed().toList();
		assertThat(returned).hasSize(1600).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(this.storage.getEvents(run.runId())).extracting(Event::sequence).containsExactlyElementsOf(expected);
	}

	@Test
	void concurrentBatchesAndSingleAppendsToOneRunStayGapFree() throws Exception {
		WorkflowRun run = createdRun();
		List<Callable<?>> appenders = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			boolean batches = thread % 2 == 0;
			appenders.add(() -> {
				for (int i = 0; i < 20; i++) {
					if (batches) {
						this.storage.recordEvents(run.runId(),
								List.of(TestData.event(run.runId(), "step.started", this.clock.instant(), "{}"),
										TestData.event(run.runId(), "step.completed", this.clock.instant(), "{}")));
					}
					else {
						this.storage.recordEvent(TestData.event(run.runId(), "sleep.started", this.clock.instant(), "{}"));
					}
				}
				return "done";
			});
		}
		assertThat(race(appenders)).containsOnly("done");
		assertThat(this.storage.getEvents(run.runId())).extracting(Event::sequence)
			.containsExactlyElementsOf(IntStream.range(0, 4 * 20 * 2 + 4 * 20).boxed().toList());
	}

	@Test
	void sixteenCreatesWithOneIdempotencyKeyHaveExactlyOneWinner() throws Exception {
		String key = TestData.id("key");
		List<WorkflowRun> runs = IntStream.range(0, 16)
			.mapToObj((i) -> TestData.run(this.clock.instant()).idempotencyKey(key).build())
			.toList();
		List<Callable<?>> creators = new ArrayList<>();
		for (WorkflowRun run : runs) {
			creators.add(() -> {
				this.storage.createRun(run);
				return run.runId();
			});
		}
		List<Object> outcomes = race(creators);
		List<String> winners = outcomes.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		assertThat(winners).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof String))
			.hasSize(15)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(DuplicateIdempotencyKeyException.class,
					(ex) -> assertThat(ex.getExistingRunId()).isEqualTo(winners.get(0))));
		assertThat(this.storage.getRunByIdempotencyKey(key).orElseThrow().runId()).isEqualTo(winners.get(0));
	}

	@Test
	void sixteenClaimsOfOneRunHaveExactlyOneWinner() throws Exception {
		WorkflowRun run = createdRun();
		List<Callable<?>> claimers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			claimers.add(() -> this.storage.tryClaimRun(run.runId(), RunStatus.PENDING, RunStatus.RUNNING));
		}
		assertThat(race(claimers)).containsOnly(true, false).filteredOn(Boolean.TRUE::equals).hasSize(1);
		assertThat(this.storage.getRun(run.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
	}

	@Test
	void sixteenConcurrentAddRunningRunsAreAllKept() throws Exception {
		Schedule schedule = TestData.schedule("concurrent", null, this.clock.instant());
		this.storage.createSchedule(schedule);
		List<String> runIds = IntStream.range(0, 16).mapToObj((i) -> "run-" + i).toList();
		List<Callable<?>> adders = new ArrayList<>();
		for (String runId : runIds) {
			adders.add(() -> {
				this.storage.addRunningRun(schedule.scheduleId(), runId);
				return "added";
			});
		}
		assertThat(race(adders)).containsOnly("added");
		assertThat(this.storage.getSchedule(schedule.scheduleId()).orElseThrow().runningRunIds())
			.containsExactlyInAnyOrderElementsOf(runIds);
		List<Callable<?>> removers = new ArrayList<>();
		for (String runId : runIds.subList(0, 8)) {
			removers.add(() -> {
				this.storage.removeRunningRun(schedule.scheduleId(), runId);
				return "removed";
			});
		}
		assertThat(race(removers)).containsOnly("removed");
		assertThat(this.storage.getSchedule(schedule.scheduleId()).orElseThrow().runningRunIds())
			.containsExactlyInAnyOrderElementsOf(runIds.subList(8, 16));
	}

	// Signals

	@Test
	void eightThreadsPublishingToOneStreamRunOfTwoStreamsGetGapFreeSequences() throws Exception {
		// Two streams of one stream run share its numbering, but the key (stream_id,
		// stream_run_id, sequence) lets them take one number twice: only the lock keeps them apart.
		String streamA = TestData.id("stream");
		String streamB = TestData.id("stream");
		String streamRun = TestData.id("srun");
		assertThat(this.storage.publishSignal(TestData.signal(streamA, streamRun, "first"))).isZero();
		List<Callable<?>> publishers = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			String stream = (thread % 2 == 0) ? streamA : streamB;
			publishers.add(() -> {
				List<Integer> sequences = new ArrayList<>();
				for (int i = 0; i < 100; i++) {
					sequences.add(this.storage.publishSignal(TestData.signal(stream, streamRun, "tick")));
				}
				return sequences;
			});
		}
		List<Integer> returned = new ArrayList<>();
		for (Object outcome : race(publishers)) {
			assertThat(outcome).isInstanceOf(List.class);
			((List<?>) outcome).forEach((sequence) -> returned.add((Integer) sequence));
		}
		assertThat(returned).hasSize(800).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 800).boxed().toList());
		List<Integer> stored = new ArrayList<>();
		for (String stream : List.of(streamA, streamB)) {
			List<Signal> queried = this.storage
				.queryStreamSignals(SignalQuery.of(stream, streamRun).withLimit(WorkflowStorage.MAX_LIMIT));
			assertThat(queried).hasSizeGreaterThanOrEqualTo(400);
			assertThat(this.storage.getSignals(stream, 0, WorkflowStorage.MAX_LIMIT)).isEqualTo(queried);
			queried.forEach((signal) -> stored.add(signal.sequence()));
		}
		assertThat(stored).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, 800).boxed().toList());
	}

	@Test
	void publishersRacingForANewStreamRunsFirstSignalGetGapFreeSequences() throws Exception {
		for (int round = 0; round < 10; round++) {
			String streamA = TestData.id("stream");
			String streamB = TestData.id("stream");
			String streamRun = TestData.id("srun");
			List<Callable<?>> publishers = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				String stream = (thread % 2 == 0) ? streamA : streamB;
				publishers.add(() -> List.of(this.storage.publishSignal(TestData.signal(stream, streamRun, "tick")),
						this.storage.publishSignal(TestData.signal(stream, streamRun, "tick"))));
			}
			List<Integer> returned = new ArrayList<>();
			for (Object outcome : race(publishers)) {
				assertThat(outcome).isInstanceOf(List.class);
				((List<?>) outcome).forEach((sequence) -> returned.add((Integer) sequence));
			}
			List<Integer> expected = IntStream.range(0, 16).boxed().toList();
			assertThat(returned).as("round %d", round).containsExactlyInAnyOrderElementsOf(expected);
			List<Integer> stored = new ArrayList<>();
			for (String stream : List.of(streamA, streamB)) {
				this.storage.queryStreamSignals(SignalQuery.of(stream, streamRun))
					.forEach((signal) -> stored.add(signal.sequence()));
			}
			assertThat(stored).as("round %d", round).containsExactlyInAnyOrderElementsOf(expected);
		}
	}

	@Test
	void eightMarksOfOneScheduledSignalAsDeliveredHaveExactlyOneWinner() throws Exception {
		for (int round = 0; round < 10; round++) {
			String id = this.storage.scheduleSignal(
					NewScheduledSignal.of(TestData.id("stream"), "tick", "{}", this.clock.instant()));
			List<Callable<?>> markers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				markers.add(() -> this.storage.markScheduledSignalDelivered(id));
			}
			assertThat(race(markers)).as("round %d", round)
				.containsOnly(true, false)
				.filteredOn(Boolean.TRUE::equals)
				.hasSize(1);
			assertThat(this.storage.fetchDueScheduledSignals(this.clock.instant(), WorkflowStorage.MAX_LIMIT))
				.noneMatch((signal) -> signal.id().equals(id));
		}
	}

	@Test
	void listRunsPagesOver250RunsCreatedInOneMicrosecondReturnEachOnce() {
		String name = TestData.id("same_instant");
		Instant sameInstant = this.clock.instant();
		Set<String> created = new HashSet<>();
		for (int i = 0; i < 250; i++) {
			WorkflowRun run = TestData.run(sameInstant).workflowName(name).build();
			this.storage.createRun(run);
			created.add(run.runId());
		}
		List<String> seen = new ArrayList<>();
		RunFilter filter = RunFilter.all().withQuery(name).withLimit(100);
		List<Integer> pageSizes = new ArrayList<>();
		RunPage page = this.storage.listRuns(filter);
		while (true) {
			pageSizes.add(page.runs().size());
			page.runs().forEach((run) -> seen.add(run.runId()));
			if (page.nextCursor().isEmpty()) {
				break;
			}
			page = this.storage.listRuns(filter.withCursor(page.nextCursor().get()));
		}
		assertThat(pageSizes).containsExactly(100, 100, 50);
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
	}

}
