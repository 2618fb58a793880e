package dev.workflow.storage.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link WorkflowStorage} must do with the streams, signals, subscriptions, scheduled
 * signals and checkpoints of pyworkflow's stream workflows, and with run summaries. A backend's
 * test extends this class and says how to build the storage; nothing else, but for the one
 * documented difference of {@link #signalIdsAreUnique()}.
 *
 * <p>
 * Tests share one store per class and keep apart through unique ids. Signals of no stream run
 * share one numbering across every stream, as in pyworkflow, so tests assert their sequences
 * relative to each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StreamStorageContractTests {

	protected final MutableClock clock = MutableClock.startingNow();

	protected WorkflowStorage storage;

	/**
	 * Builds the storage under test, empty or shared with no other test class.
	 * @param clock the clock the storage must take its time from
	 * @return the storage
	 */
	protected abstract WorkflowStorage createStorage(MutableClock clock);

	/**
	 * Whether the backend refuses a signal whose id another signal has. pyworkflow's index on
	 * {@code signals.signal_id} is unique on PostgreSQL but cannot be on Citus, where a unique
	 * index must hold the distribution column ({@code stream_run_id}); a Citus backend returns
	 * {@code false} and keeps both signals, as pyworkflow's Citus storage does.
	 * @return {@code true} if a taken signal id is refused
	 */
	protected boolean signalIdsAreUnique() {
		return true;
	}

	@BeforeAll
	void createStorageUnderTest() {
		this.storage = createStorage(this.clock);
	}

	protected Instant now() {
		return this.clock.instant();
	}

	private static String streamId() {
		return TestData.id("stream");
	}

	private static String streamRunId() {
		return TestData.id("srun");
	}

	private static String stepRunId() {
		return TestData.id("step-run");
	}

	/** The signal a published {@code signal} reads back as, its JSON as given. */
	private static Signal read(NewSignal signal, int sequence, Instant publishedAt) {
		return new Signal(signal.signalId(), signal.streamId(), signal.streamRunId(), sequence, signal.signalType(),
				signal.payload(), publishedAt, signal.sourceRunId(), signal.metadata());
	}

	private List<Signal> query(String streamId, @Nullable String streamRunId) {
		return this.storage.queryStreamSignals(SignalQuery.of(streamId, streamRunId).withLimit(WorkflowStorage.MAX_LIMIT));
	}

	// Streams

	@Test
	void createStreamThenGetStreamReturnsItActiveCreatedNowWithJsonbMetadata() {
		String withMetadata = streamId();
		String without = streamId();
		this.storage.createStream(withMetadata, "{\"b\":1,\"a\":[1,2]}");
		Instant later = this.clock.advance(Duration.ofSeconds(1));
		this.storage.createStream(without, null);
		assertThat(this.storage.getStream(withMetadata))
			.contains(new SignalStream(withMetadata, "active", later.minusSeconds(1), "{\"a\": [1, 2], \"b\": 1}"));
		assertThat(this.storage.getStream(without)).contains(new SignalStream(without, "active", later, "{}"));
		assertThat(this.storage.getStream(streamId())).isEmpty();
	}

	@Test
	void createStreamWithTakenIdFailsNamingTheStreamAndKeepsTheFirst() {
		String stream = streamId();
		this.storage.createStream(stream, "{\"first\": true}");
		assertThatExceptionOfType(DuplicateIdException.class)
			.isThrownBy(() -> this.storage.createStream(stream, "{\"first\": false}"))
			.withMessageContaining("createStream")
			.withMessageContaining(stream)
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo("stream"))
			.satisfies((ex) -> assertThat(ex.getId()).isEqualTo(stream));
		assertThat(this.storage.getStream(stream).orElseThrow().metadata()).isEqualTo("{\"first\": true}");
	}

	// Publishing

	@Test
	void publishSignalNumbersEachStreamRunFromZero() {
		String stream = streamId();
		String first = streamRunId();
		String second = streamRunId();
		List<NewSignal> signals = List.of(TestData.signal(stream, first, "task.created"),
				TestData.signal(stream, first, "task.updated"), TestData.signal(stream, second, "task.created"),
				TestData.signal(stream, first, "task.done"));
		List<Integer> sequences = new ArrayList<>();
		for (NewSignal signal : signals) {
			sequences.add(this.storage.publishSignal(signal));
		}
		assertThat(sequences).containsExactly(0, 1, 0, 2);
		assertThat(query(stream, first)).containsExactly(read(signals.get(0), 0, now()), read(signals.get(1), 1, now()),
				read(signals.get(3), 2, now()));
		assertThat(query(stream, second)).containsExactly(read(signals.get(2), 0, now()));
	}

	@Test
	void streamsOfOneStreamRunShareItsNumbering() {
		String streamA = streamId();
		String streamB = streamId();
		String run = streamRunId();
		assertThat(this.storage.publishSignal(TestData.signal(streamA, run, "a"))).isZero();
		assertThat(this.storage.publishSignal(TestData.signal(streamB, run, "b"))).isEqualTo(1);
		assertThat(this.storage.publishSignal(TestData.signal(streamA, run, "a"))).isEqualTo(2);
		assertThat(this.storage.publishSignal(TestData.signal(streamB, run, "b"))).isEqualTo(3);
		assertThat(query(streamA, run)).extracting(Signal::sequence).containsExactly(0, 2);
		assertThat(query(streamB, run)).extracting(Signal::sequence).containsExactly(1, 3);
	}

	@Test
	void signalsOfNoStreamRunHaveTheirOwnNumberingAndReadBackWithoutOne() {
		String streamA = streamId();
		String streamB = streamId();
		String run = streamRunId();
		NewSignal firstOfNone = TestData.signal(streamA, null, "a");
		int first = this.storage.publishSignal(firstOfNone);
		assertThat(this.storage.publishSignal(TestData.signal(streamA, run, "a"))).isZero();
		assertThat(this.storage.publishSignal(TestData.signal(streamB, null, "b"))).isEqualTo(first + 1);
		assertThat(this.storage.publishSignal(TestData.signal(streamA, null, "a"))).isEqualTo(first + 2);
		assertThat(this.storage.publishSignal(TestData.signal(streamA, run, "a"))).isEqualTo(1);
		assertThat(query(streamA, null)).extracting(Signal::sequence).containsExactly(first, first + 2);
		assertThat(query(streamA, null).get(0)).isEqualTo(read(firstOfNone, first, now()));
		assertThat(query(streamB, null)).singleElement().satisfies((signal) -> {
			assertThat(signal.sequence()).isEqualTo(first + 1);
			assertThat(signal.streamRunId()).isNull();
		});
		assertThat(this.storage.getSignals(streamA, 0, 100)).extracting(Signal::streamRunId)
			.containsOnly(null, run)
			.hasSize(4);
	}

	@Test
	void publishSignalKeepsPayloadAndMetadataAsJsonbWithSourceAndTheStorageClocksTime() {
		String stream = streamId();
		String run = streamRunId();
		String source = TestData.id("source-run");
		NewSignal signal = new NewSignal(TestData.id("sig"), stream, run, "order.placed",
				"{\"total\": 12.50, \"items\": [{\"sku\": \"x\", \"qty\": 1}], \"at\": \"\u017eu\"}", source,
				"{\"zz\":null,\"a\":true,\"a\":false}");
		Instant published = this.clock.advance(Duration.ofMillis(1500));
		assertThat(this.storage.publishSignal(signal)).isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(query(stream, run)).containsExactly(new Signal(signal.signalId(), stream, run, 0, "order.placed",
				"{\"at\": \"\u017eu\", \"items\": [{\"qty\": 1, \"sku\": \"x\"}], \"total\": 12.50}", published, source,
				"{\"a\": false, \"zz\": null}"));
		assertThat(this.storage.getSignals(stream, 0, 10)).isEqualTo(query(stream, run));
	}

	@Test
	void publishSignalWithTakenIdIsRefusedWhereSignalIdsAreUnique() {
		String stream = streamId();
		String run = streamRunId();
		String otherRun = streamRunId();
		NewSignal signal = TestData.signal(stream, run, "a");
		assertThat(this.storage.publishSignal(signal)).isZero();
		NewSignal sameId = new NewSignal(signal.signalId(), stream, otherRun, "b", "{\"again\": true}", null, "{}");
		if (signalIdsAreUnique()) {
			assertThatExceptionOfType(DuplicateIdException.class).isThrownBy(() -> this.storage.publishSignal(sameId))
				.withMessageContaining("publishSignal")
				.withMessageContaining(signal.signalId())
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo("signal"));
			assertThatExceptionOfType(DuplicateIdException.class)
				.isThrownBy(() -> this.storage.publishSignal(signal.inStreamRun(run)));
			assertThat(query(stream, otherRun)).isEmpty();
			assertThat(query(stream, run)).hasSize(1);
			assertThat(this.storage.publishSignal(TestData.signal(stream, run, "a"))).isEqualTo(1);
		}
		else {
			assertThat(this.storage.publishSignal(sameId)).isZero();
			assertThat(query(stream, otherRun)).containsExactly(read(sameId, 0, now()));
			assertThat(this.storage.getSignals(stream, 0, 10)).extracting(Signal::signalId)
				.containsExactly(signal.signalId(), signal.signalId());
		}
	}

	// Reading signals

	@Test
	void getSignalsReturnsAStreamsSignalsFromASequenceOnInSequenceThenStreamRunOrder() {
		String stream = streamId();
		String runA = "a-" + streamRunId();
		String runB = "b-" + streamRunId();
		List<NewSignal> signals = List.of(TestData.signal(stream, runB, "x"), TestData.signal(stream, runB, "x"),
				TestData.signal(stream, runA, "x"), TestData.signal(stream, runB, "x"), TestData.signal(stream, runA, "x"));
		signals.forEach(this.storage::publishSignal);
		this.storage.publishSignal(TestData.signal(streamId(), runA, "x"));
		assertThat(this.storage.getSignals(stream, 0, 100)).containsExactly(read(signals.get(2), 0, now()),
				read(signals.get(0), 0, now()), read(signals.get(4), 1, now()), read(signals.get(1), 1, now()),
				read(signals.get(3), 2, now()));
		assertThat(this.storage.getSignals(stream, 1, 100)).extracting(Signal::signalId)
			.containsExactly(signals.get(4).signalId(), signals.get(1).signalId(), signals.get(3).signalId());
		assertThat(this.storage.getSignals(stream, 1, 2)).extracting(Signal::signalId)
			.containsExactly(signals.get(4).signalId(), signals.get(1).signalId());
		assertThat(this.storage.getSignals(stream, 3, 100)).isEmpty();
		assertThat(this.storage.getSignals(stream, -5, 1)).extracting(Signal::signalId)
			.containsExactly(signals.get(2).signalId());
		assertThat(this.storage.getSignals(streamId(), 0, 100)).isEmpty();
	}

	@Test
	void signalsOfEqualSequenceAreOrderedByTheStreamRunIdsBytes() {
		// U+FFFD is EF BF BD in UTF-8 and U+1F600 is F0 9F 98 80, but in UTF-16 the surrogate
		// pair D83D DE00 sorts before FFFD: the order must be PostgreSQL's "C" collation's.
		String stream = streamId();
		String replacement = "\uFFFD-" + streamRunId();
		String emoji = "\uD83D\uDE00-" + streamRunId();
		String plain = "z-" + streamRunId();
		NewSignal ofEmoji = TestData.signal(stream, emoji, "x");
		NewSignal ofReplacement = TestData.signal(stream, replacement, "x");
		NewSignal ofPlain = TestData.signal(stream, plain, "x");
		List.of(ofEmoji, ofReplacement, ofPlain).forEach(this.storage::publishSignal);
		List<String> expected = List.of(ofPlain.signalId(), ofReplacement.signalId(), ofEmoji.signalId());
		assertThat(this.storage.getSignals(stream, 0, 10)).extracting(Signal::signalId).containsExactlyElementsOf(expected);
		String step = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("x"), null);
		assertThat(this.storage.getPendingSignals(stream, step)).extracting(Signal::signalId)
			.containsExactlyElementsOf(expected);
	}

	@Test
	void queryStreamSignalsAppliesEveryFilter() {
		String stream = streamId();
		String run = streamRunId();
		String sourceA = TestData.id("source");
		String sourceB = TestData.id("source");
		List<NewSignal> signals = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			NewSignal signal = TestData.signal(stream, run, (i % 2 == 0) ? "even" : "odd")
				.fromRun((i < 3) ? sourceA : sourceB);
			signals.add(signal);
			this.storage.publishSignal(signal);
		}
		this.storage.publishSignal(TestData.signal(stream, streamRunId(), "even"));
		this.storage.publishSignal(TestData.signal(streamId(), run, "even"));
		SignalQuery all = SignalQuery.of(stream, run);
		assertThat(this.storage.queryStreamSignals(all))
			.containsExactlyElementsOf(signals.stream().map((signal) -> read(signal, signals.indexOf(signal), now())).toList());
		assertThat(sequences(all.ofType("even"))).containsExactly(0, 2, 4);
		assertThat(sequences(all.fromSourceRun(sourceB))).containsExactly(3, 4, 5);
		assertThat(sequences(all.fromSourceRun(sourceB).ofType("odd"))).containsExactly(3, 5);
		assertThat(sequences(all.fromSourceRun(TestData.id("nobody")))).isEmpty();
		assertThat(sequences(all.betweenSequences(1, 3))).containsExactly(1, 2, 3);
		assertThat(sequences(all.betweenSequences(4, null))).containsExactly(4, 5);
		assertThat(sequences(all.betweenSequences(null, 1))).containsExactly(0, 1);
		assertThat(sequences(all.betweenSequences(3, 2))).isEmpty();
		assertThat(sequences(all.withLimit(2))).containsExactly(0, 1);
		assertThat(sequences(all.betweenSequences(2, null).withLimit(2))).containsExactly(2, 3);
		assertThat(sequences(all.lastOnes(2))).containsExactly(4, 5);
		assertThat(sequences(all.lastOnes(2).betweenSequences(0, 1))).containsExactly(4, 5);
		assertThat(sequences(all.lastOnes(3).withLimit(1))).containsExactly(3, 4, 5);
		assertThat(sequences(all.lastOnes(100))).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(sequences(all.lastOnes(2).ofType("even"))).containsExactly(2, 4);
		assertThat(sequences(all.lastOnes(1).fromSourceRun(sourceA))).containsExactly(2);
		assertThat(sequences(SignalQuery.of(stream, streamRunId()))).isEmpty();
		assertThat(sequences(SignalQuery.of(streamId(), run))).isEmpty();
	}

	@Test
	void queryStreamSignalsOfNoStreamRunReturnsOnlyThoseOfNone() {
		String stream = streamId();
		NewSignal none = TestData.signal(stream, null, "x");
		int sequence = this.storage.publishSignal(none);
		this.storage.publishSignal(TestData.signal(stream, streamRunId(), "x"));
		assertThat(this.storage.queryStreamSignals(SignalQuery.of(stream, null))).containsExactly(read(none, sequence, now()));
		assertThat(this.storage.queryStreamSignals(SignalQuery.of(stream, null).lastOnes(5)))
			.containsExactly(read(none, sequence, now()));
	}

	private List<Integer> sequences(SignalQuery query) {
		return this.storage.queryStreamSignals(query).stream().map(Signal::sequence).toList();
	}

	// Acknowledgments and pending signals

	@Test
	void pendingSignalsAreTheSubscribedTypesTheStepHasNotAcknowledged() {
		String stream = streamId();
		String run = streamRunId();
		NewSignal a0 = TestData.signal(stream, run, "a");
		NewSignal b1 = TestData.signal(stream, run, "b");
		NewSignal c2 = TestData.signal(stream, run, "c");
		NewSignal a3 = TestData.signal(stream, run, "a");
		List.of(a0, b1, c2, a3).forEach(this.storage::publishSignal);
		this.storage.publishSignal(TestData.signal(streamId(), run, "a"));
		String step = stepRunId();
		String other = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("a", "b"), run);
		this.storage.registerStreamSubscription(stream, other, List.of("a"), null);
		assertThat(this.storage.getPendingSignals(stream, step)).containsExactly(read(a0, 0, now()), read(b1, 1, now()),
				read(a3, 3, now()));
		this.storage.acknowledgeSignal(a0.signalId(), step);
		this.storage.acknowledgeSignal(a0.signalId(), step);
		this.storage.acknowledgeSignal(c2.signalId(), step);
		this.storage.acknowledgeSignal(TestData.id("unknown-signal"), step);
		assertThat(this.storage.getPendingSignals(stream, step)).extracting(Signal::signalId)
			.containsExactly(b1.signalId(), a3.signalId());
		assertThat(this.storage.getPendingSignals(stream, other)).extracting(Signal::signalId)
			.containsExactly(a0.signalId(), a3.signalId());
		this.storage.acknowledgeSignal(b1.signalId(), step);
		this.storage.acknowledgeSignal(a3.signalId(), step);
		assertThat(this.storage.getPendingSignals(stream, step)).isEmpty();
	}

	@Test
	void pendingSignalsIncludeEveryStreamRunOfTheStream() {
		String stream = streamId();
		NewSignal none = TestData.signal(stream, null, "a");
		NewSignal ofRun = TestData.signal(stream, streamRunId(), "a");
		// A signal of no stream run elsewhere first, so that this stream's one is not numbered 0.
		this.storage.publishSignal(TestData.signal(streamId(), null, "a"));
		int noneSequence = this.storage.publishSignal(none);
		this.storage.publishSignal(ofRun);
		String step = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("a"), streamRunId());
		assertThat(this.storage.getPendingSignals(stream, step)).containsExactly(read(ofRun, 0, now()),
				read(none, noneSequence, now()));
	}

	@Test
	void noSubscriptionOrNoTypesMeansNoPendingSignals() {
		String stream = streamId();
		this.storage.publishSignal(TestData.signal(stream, streamRunId(), "a"));
		String unsubscribed = stepRunId();
		String typeless = stepRunId();
		this.storage.registerStreamSubscription(stream, typeless, List.of(), null);
		String elsewhere = stepRunId();
		this.storage.registerStreamSubscription(streamId(), elsewhere, List.of("a"), null);
		assertThat(this.storage.getPendingSignals(stream, unsubscribed)).isEmpty();
		assertThat(this.storage.getPendingSignals(stream, typeless)).isEmpty();
		assertThat(this.storage.getPendingSignals(stream, elsewhere)).isEmpty();
	}

	// Subscriptions

	@Test
	void registerStreamSubscriptionStoresAWaitingSubscriptionCreatedNow() {
		String stream = streamId();
		String run = streamRunId();
		String step = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("task.created", "task.done"), run);
		assertThat(this.storage.getSubscriptionStates(stream, null)).containsExactly(new StreamSubscription(stream, step,
				List.of("task.created", "task.done"), SubscriptionStatus.WAITING, run, null, null, null, now()));
		String noRun = stepRunId();
		this.clock.advance(Duration.ofMillis(1));
		this.storage.registerStreamSubscription(stream, noRun, List.of(), null);
		assertThat(this.storage.getSubscriptionStates(stream, null)).extracting(StreamSubscription::streamRunId)
			.containsExactly(run, null);
	}

	@Test
	void registeringAgainReplacesTypesAndStreamRunAndWaitsKeepingResultLinkAndCreationTime() {
		String stream = streamId();
		String run = streamRunId();
		String step = stepRunId();
		Instant created = now();
		this.storage.registerStreamSubscription(stream, step, List.of("a"), run);
		this.storage.updateSubscriptionStatus(stream, step, SubscriptionStatus.TERMINATED);
		this.storage.setSubscriptionResult(stream, step, "{\"done\": 1}");
		StreamParentLink link = new StreamParentLink(TestData.id("parent"), TestData.id("token"));
		assertThat(this.storage.setStreamParentLink(stream, run, link)).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		String newRun = streamRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("b", "c"), newRun);
		assertThat(this.storage.getSubscriptionStates(stream, null))
			.containsExactly(new StreamSubscription(stream, step, List.of("b", "c"), SubscriptionStatus.WAITING, newRun,
					link.parentRunId(), link.parentHookToken(), "{\"done\": 1}", created));
		this.storage.registerStreamSubscription(stream, step, List.of("b"), null);
		StreamSubscription read = this.storage.getSubscriptionStates(stream, null).get(0);
		assertThat(read.streamRunId()).isNull();
		assertThat(read.signalTypes()).containsExactly("b");
		assertThat(read.parentLink()).isEqualTo(link);
	}

	@Test
	void waitingStepsAreWaitingOrSuspendedSubscriptionsToTheTypeOldestFirst() {
		String stream = streamId();
		String run = streamRunId();
		String otherRun = streamRunId();
		String waiting = subscribed(stream, List.of("a"), run, SubscriptionStatus.WAITING);
		String suspended = subscribed(stream, List.of("b", "a"), run, SubscriptionStatus.SUSPENDED);
		String running = subscribed(stream, List.of("a"), run, SubscriptionStatus.RUNNING);
		String terminated = subscribed(stream, List.of("a"), run, SubscriptionStatus.TERMINATED);
		String completed = subscribed(stream, List.of("a"), null, SubscriptionStatus.COMPLETED);
		String waitingForB = subscribed(stream, List.of("b"), run, SubscriptionStatus.WAITING);
		String ofOtherRun = subscribed(stream, List.of("a"), otherRun, SubscriptionStatus.WAITING);
		String ofNoRun = subscribed(stream, List.of("a"), null, SubscriptionStatus.WAITING);
		subscribed(streamId(), List.of("a"), run, SubscriptionStatus.WAITING);

		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "a", null))).containsExactly(waiting, suspended,
				ofOtherRun, ofNoRun);
		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "a", run))).containsExactly(waiting, suspended);
		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "b", run))).containsExactly(suspended, waitingForB);
		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "c", null))).isEmpty();
		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "a", streamRunId()))).isEmpty();
		assertThat(this.storage.getWaitingSteps(stream, "a", run).get(1)).satisfies((subscription) -> {
			assertThat(subscription.status()).isEqualTo(SubscriptionStatus.SUSPENDED);
			assertThat(subscription.signalTypes()).containsExactly("b", "a");
		});

		assertThat(stepRunIds(this.storage.getSubscriptionsForStream(stream, "a", null))).containsExactly(waiting,
				suspended, running, terminated, completed, ofOtherRun, ofNoRun);
		assertThat(stepRunIds(this.storage.getSubscriptionsForStream(stream, "a", run))).containsExactly(waiting,
				suspended, running, terminated);
		assertThat(stepRunIds(this.storage.getSubscriptionsForStream(stream, "b", null))).containsExactly(suspended,
				waitingForB);
		assertThat(stepRunIds(this.storage.getSubscriptionsForStream(stream, "a", otherRun))).containsExactly(ofOtherRun);

		assertThat(stepRunIds(this.storage.getSubscriptionStates(stream, null))).containsExactly(waiting, suspended,
				running, terminated, completed, waitingForB, ofOtherRun, ofNoRun);
		assertThat(stepRunIds(this.storage.getSubscriptionStates(stream, run))).containsExactly(waiting, suspended,
				running, terminated, waitingForB);
		assertThat(this.storage.getSubscriptionStates(stream, run)).extracting(StreamSubscription::status)
			.containsExactly(SubscriptionStatus.WAITING, SubscriptionStatus.SUSPENDED, SubscriptionStatus.RUNNING,
					SubscriptionStatus.TERMINATED, SubscriptionStatus.WAITING);
		assertThat(this.storage.getSubscriptionStates(streamId(), null)).isEmpty();
	}

	private String subscribed(String stream, List<String> types, @Nullable String run, SubscriptionStatus status) {
		this.clock.advance(Duration.ofMillis(1));
		String step = stepRunId();
		this.storage.registerStreamSubscription(stream, step, types, run);
		if (status != SubscriptionStatus.WAITING) {
			this.storage.updateSubscriptionStatus(stream, step, status);
		}
		return step;
	}

	private static List<String> stepRunIds(List<StreamSubscription> subscriptions) {
		return subscriptions.stream().map(StreamSubscription::stepRunId).toList();
	}

	@Test
	void subscriptionsCreatedAtOneInstantAreOrderedByTheStepRunIdsBytes() {
		String stream = streamId();
		String emoji = "\uD83D\uDE00-" + stepRunId();
		String replacement = "\uFFFD-" + stepRunId();
		String plain = "a-" + stepRunId();
		for (String step : List.of(emoji, replacement, plain)) {
			this.storage.registerStreamSubscription(stream, step, List.of("x"), null);
		}
		assertThat(stepRunIds(this.storage.getSubscriptionStates(stream, null))).containsExactly(plain, replacement,
				emoji);
		assertThat(stepRunIds(this.storage.getWaitingSteps(stream, "x", null))).containsExactly(plain, replacement,
				emoji);
	}

	@Test
	void updateSubscriptionStatusSetsTheStatusOfOneSubscription() {
		String stream = streamId();
		String step = stepRunId();
		String other = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("a"), null);
		this.clock.advance(Duration.ofMillis(1));
		this.storage.registerStreamSubscription(stream, other, List.of("a"), null);
		for (SubscriptionStatus status : SubscriptionStatus.values()) {
			this.storage.updateSubscriptionStatus(stream, step, status);
			assertThat(this.storage.getSubscriptionStates(stream, null)).extracting(StreamSubscription::status)
				.containsExactly(status, SubscriptionStatus.WAITING);
		}
	}

	@Test
	void changesOfAMissingSubscriptionFailNamingIt() {
		String stream = streamId();
		String step = stepRunId();
		this.storage.registerStreamSubscription(streamId(), step, List.of("a"), null);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.updateSubscriptionStatus(stream, step, SubscriptionStatus.RUNNING))
			.withMessageContaining("updateSubscriptionStatus")
			.withMessageContaining(step);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.setSubscriptionResult(stream, step, "1"))
			.withMessageContaining("setSubscriptionResult")
			.withMessageContaining(step);
		assertThat(this.storage.getSubscriptionStates(stream, null)).isEmpty();
	}

	@Test
	void setSubscriptionResultKeepsAnyJsonValueAsJsonbGivesItBack() {
		String stream = streamId();
		String step = stepRunId();
		this.storage.registerStreamSubscription(stream, step, List.of("a"), null);
		assertThat(this.storage.getSubscriptionStates(stream, null).get(0).result()).isNull();
		Map<String, String> results = Map.of("null", "null", "3", "3", "\"x\"", "\"x\"", "1.50", "1.50", "true", "true",
				"[1,{\"b\":1,\"a\":2}]", "[1, {\"a\": 2, \"b\": 1}]", "{\"b\":[],\"a\":{}}", "{\"a\": {}, \"b\": []}",
				"1e2", "100", "\"\\u00e9\\n\"", "\"\u00e9\\n\"");
		results.forEach((result, stored) -> {
			this.storage.setSubscriptionResult(stream, step, result);
			assertThat(this.storage.getSubscriptionStates(stream, null).get(0).result()).as(result).isEqualTo(stored);
		});
	}

	@Test
	void setStreamParentLinkLinksEverySubscriptionOfTheStreamRun() {
		String stream = streamId();
		String run = streamRunId();
		StreamParentLink link = new StreamParentLink(TestData.id("parent"), TestData.id("token"));
		assertThat(this.storage.setStreamParentLink(stream, run, link)).isZero();
		assertThat(this.storage.getStreamParentLink(stream, run)).isEmpty();
		String first = subscribed(stream, List.of("a"), run, SubscriptionStatus.WAITING);
		String second = subscribed(stream, List.of("b"), run, SubscriptionStatus.TERMINATED);
		String elsewhere = subscribed(stream, List.of("a"), streamRunId(), SubscriptionStatus.WAITING);
		String unlinked = subscribed(stream, List.of("a"), null, SubscriptionStatus.WAITING);
		String ofOtherStream = stepRunId();
		this.storage.registerStreamSubscription(streamId(), ofOtherStream, List.of("a"), run);
		assertThat(this.storage.setStreamParentLink(stream, run, link)).isEqualTo(2);
		assertThat(this.storage.getStreamParentLink(stream, run)).contains(link);
		assertThat(this.storage.getSubscriptionStates(stream, null))
			.extracting(StreamSubscription::stepRunId, StreamSubscription::parentLink)
			.containsExactly(tuple(first, link), tuple(second, link), tuple(elsewhere, null), tuple(unlinked, null));
		StreamParentLink replaced = new StreamParentLink(TestData.id("parent"), TestData.id("token"));
		assertThat(this.storage.setStreamParentLink(stream, run, replaced)).isEqualTo(2);
		assertThat(this.storage.getStreamParentLink(stream, run)).contains(replaced);
		assertThat(this.storage.getStreamParentLink(stream, streamRunId())).isEmpty();
	}

	@Test
	void getStreamParentLinkReadsTheOldestLinkedSubscription() {
		String stream = streamId();
		String run = streamRunId();
		String otherRun = streamRunId();
		StreamParentLink older = new StreamParentLink(TestData.id("parent"), TestData.id("token"));
		StreamParentLink newer = new StreamParentLink(TestData.id("parent"), TestData.id("token"));
		String unlinked = subscribed(stream, List.of("a"), otherRun, SubscriptionStatus.WAITING);
		String first = subscribed(stream, List.of("a"), run, SubscriptionStatus.WAITING);
		String second = subscribed(stream, List.of("a"), streamRunId(), SubscriptionStatus.WAITING);
		this.storage.setStreamParentLink(stream, run, older);
		StreamSubscription secondRead = this.storage.getSubscriptionStates(stream, null).get(2);
		this.storage.setStreamParentLink(stream, secondRead.streamRunId(), newer);
		// Moving subscriptions into the stream run keeps their links, or their lack of one.
		this.storage.registerStreamSubscription(stream, unlinked, List.of("a"), run);
		this.storage.registerStreamSubscription(stream, second, List.of("a"), run);
		assertThat(stepRunIds(this.storage.getSubscriptionStates(stream, run))).containsExactly(unlinked, first, second);
		assertThat(this.storage.getStreamParentLink(stream, run)).contains(older);
	}

	// Scheduled signals

	@Test
	void scheduleSignalGivesPyworkflowsIdAndKeepsEveryField() {
		String stream = streamId();
		String run = streamRunId();
		Instant due = now().plus(Duration.ofDays(3650)).plusNanos(123_456_789);
		NewScheduledSignal signal = NewScheduledSignal.of(stream, "reminder", "{\"z\":1,\"a\":[true]}", due)
			.inStreamRun(run)
			.withMetadata("{\"by\":\"ops\",\"by\":\"cron\"}");
		String id = this.storage.scheduleSignal(signal);
		String other = this.storage.scheduleSignal(NewScheduledSignal.of(stream, "reminder", "{}", due));
		assertThat(id).matches("sched_[0-9a-f]{16}");
		assertThat(other).matches("sched_[0-9a-f]{16}").isNotEqualTo(id);
		List<ScheduledSignal> expected = new ArrayList<>(List.of(
				new ScheduledSignal(id, stream, "reminder", "{\"a\": [true], \"z\": 1}", due.minusNanos(789), run,
						"{\"by\": \"cron\"}", false, now()),
				new ScheduledSignal(other, stream, "reminder", "{}", due.minusNanos(789), null, "{}", false, now())));
		// Of one due time, the smaller id first.
		expected.sort(Comparator.comparing(ScheduledSignal::id));
		assertThat(this.storage.fetchDueScheduledSignals(due, WorkflowStorage.MAX_LIMIT))
			.filteredOn((scheduled) -> scheduled.id().equals(id) || scheduled.id().equals(other))
			.containsExactlyElementsOf(expected);
	}

	@Test
	void fetchDueScheduledSignalsReturnsDueUndeliveredOnesEarliestFirstUpToTheLimit() {
		// Due long ago, before any other test's scheduled signals.
		Instant base = Instant.parse("2001-01-01T00:00:00Z");
		String stream = streamId();
		String late = schedule(stream, base.plusSeconds(30));
		String early = schedule(stream, base.plusSeconds(10));
		String middle = schedule(stream, base.plusSeconds(20));
		String exactlyNow = schedule(stream, base.plusSeconds(50));
		String future = schedule(stream, base.plusSeconds(51));
		String delivered = schedule(stream, base.plusSeconds(5));
		assertThat(this.storage.markScheduledSignalDelivered(delivered)).isTrue();
		Instant at = base.plusSeconds(50);
		assertThat(ids(this.storage.fetchDueScheduledSignals(at, 100))).containsExactly(early, middle, late, exactlyNow);
		assertThat(ids(this.storage.fetchDueScheduledSignals(at, 2))).containsExactly(early, middle);
		assertThat(ids(this.storage.fetchDueScheduledSignals(base.plusSeconds(10), 100))).containsExactly(early);
		assertThat(ids(this.storage.fetchDueScheduledSignals(base, 100))).isEmpty();
		assertThat(this.storage.markScheduledSignalDelivered(middle)).isTrue();
		assertThat(ids(this.storage.fetchDueScheduledSignals(at, 100))).containsExactly(early, late, exactlyNow);
		assertThat(ids(this.storage.fetchDueScheduledSignals(base.plusSeconds(51), 100))).containsExactly(early, late,
				exactlyNow, future);
	}

	private String schedule(String stream, Instant due) {
		return this.storage.scheduleSignal(NewScheduledSignal.of(stream, "tick", "{}", due));
	}

	private static List<String> ids(List<ScheduledSignal> signals) {
		return signals.stream().map(ScheduledSignal::id).toList();
	}

	@Test
	void markScheduledSignalDeliveredIsTrueOnceThenFalse() {
		String id = schedule(streamId(), now());
		assertThat(this.storage.markScheduledSignalDelivered(id)).isTrue();
		assertThat(this.storage.markScheduledSignalDelivered(id)).isFalse();
		assertThat(ids(this.storage.fetchDueScheduledSignals(now(), WorkflowStorage.MAX_LIMIT))).doesNotContain(id);
		String missing = "sched_0000000000000000";
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.storage.markScheduledSignalDelivered(missing))
			.withMessageContaining("markScheduledSignalDelivered")
			.withMessageContaining(missing);
	}

	// Checkpoints

	@Test
	void saveCheckpointInsertsThenReplacesKeepingItsCreationTime() {
		String step = stepRunId();
		Instant created = now();
		this.storage.saveCheckpoint(step, "{\"offset\":1,\"cursor\":\"x\"}");
		assertThat(this.storage.loadCheckpoint(step))
			.contains(new Checkpoint(step, "{\"cursor\": \"x\", \"offset\": 1}", created, created));
		Instant updated = this.clock.advance(Duration.ofSeconds(5));
		this.storage.saveCheckpoint(step, "{\"offset\":2}");
		assertThat(this.storage.loadCheckpoint(step)).contains(new Checkpoint(step, "{\"offset\": 2}", created, updated));
		assertThat(this.storage.loadCheckpoint(stepRunId())).isEmpty();
	}

	@Test
	void deleteCheckpointRemovesItAndMayBeRepeated() {
		String step = stepRunId();
		String kept = stepRunId();
		this.storage.saveCheckpoint(step, "{}");
		this.storage.saveCheckpoint(kept, "{}");
		this.storage.deleteCheckpoint(step);
		this.storage.deleteCheckpoint(step);
		this.storage.deleteCheckpoint(stepRunId());
		assertThat(this.storage.loadCheckpoint(step)).isEmpty();
		assertThat(this.storage.loadCheckpoint(kept)).isPresent();
		Instant again = this.clock.advance(Duration.ofSeconds(1));
		this.storage.saveCheckpoint(step, "{\"fresh\": true}");
		assertThat(this.storage.loadCheckpoint(step)).contains(new Checkpoint(step, "{\"fresh\": true}", again, again));
	}

	// Limits

	@Test
	void idsAtTheLimitAndJsonNestedToTheLimitAreKept() {
		String stream = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		String run = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		String step = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		String type = idOfBytes(WorkflowStorage.MAX_ID_BYTES);
		String deep = "{\"a\": ".repeat(WorkflowStorage.MAX_JSON_DEPTH - 1) + "{}"
				+ "}".repeat(WorkflowStorage.MAX_JSON_DEPTH - 1);
		this.storage.createStream(stream, deep);
		NewSignal signal = new NewSignal(idOfBytes(WorkflowStorage.MAX_ID_BYTES), stream, run, type, deep,
				idOfBytes(WorkflowStorage.MAX_ID_BYTES), deep);
		assertThat(this.storage.publishSignal(signal)).isZero();
		assertThat(this.storage.publishSignal(new NewSignal(idOfBytes(WorkflowStorage.MAX_ID_BYTES), stream, run, type,
				"{}", null, "{}"))).isEqualTo(1);
		assertThat(this.storage.getStream(stream).orElseThrow().metadata()).isEqualTo(deep);
		assertThat(query(stream, run)).first().isEqualTo(read(signal, 0, now()));
		this.storage.registerStreamSubscription(stream, step, List.of(type), run);
		this.storage.acknowledgeSignal(signal.signalId(), step);
		assertThat(this.storage.getWaitingSteps(stream, type, run)).extracting(StreamSubscription::stepRunId)
			.containsExactly(step);
		this.storage.setSubscriptionResult(stream, step, deep);
		this.storage.saveCheckpoint(step, deep);
		assertThat(this.storage.loadCheckpoint(step).orElseThrow().data()).isEqualTo(deep);
		assertThat(this.storage.getSubscriptionStates(stream, run).get(0).result()).isEqualTo(deep);
	}

	/** An id of exactly {@code bytes} UTF-8 bytes, unique, of ASCII characters. */
	private static String idOfBytes(int bytes) {
		String unique = TestData.id("long");
		return unique + "x".repeat(bytes - unique.length());
	}

	// Run summaries

	@Test
	void runSummaryHasEveryFieldOfItsRun() {
		Instant created = now().minus(Duration.ofMinutes(5));
		WorkflowRun parent = TestData.run(created).build();
		this.storage.createRun(parent);
		String name = TestData.id("summary_wf");
		WorkflowRun run = TestData.run(created)
			.workflowName(name)
			.status(RunStatus.FAILED)
			.updatedAt(created.plusSeconds(1))
			.startedAt(created.plusNanos(123_456_789))
			.completedAt(created.plusSeconds(2))
			.inputArgs("[1, \"two\"]")
			.inputKwargs("{\"customer\": \"ACME\"}")
			.result("{\"partial\": true}")
			.error("boom")
			.idempotencyKey(TestData.id("key"))
			.maxDuration("1h")
			.context("{\"attempt\": 2}")
			.recoveryAttempts(1)
			.maxRecoveryAttempts(5)
			.recoverOnWorkerLoss(false)
			.parentRunId(parent.runId())
			.nestingDepth(1)
			.continuedFromRunId("earlier-run")
			.continuedToRunId("later-run")
			.build();
		this.storage.createRun(run);
		RunSummaryPage page = this.storage.listRunSummaries(RunFilter.all().withQuery(name));
		assertThat(page.runs()).containsExactly(RunSummary.of(run));
		assertThat(page.nextCursor()).isEmpty();
		RunSummary summary = page.runs().get(0);
		assertThat(summary.error()).isEqualTo("boom");
		assertThat(summary.parentRunId()).isEqualTo(parent.runId());
		assertThat(summary.startedAt()).isEqualTo(created.plusNanos(123_456_000));
		assertThat(summary.recoverOnWorkerLoss()).isFalse();
	}

	@Test
	void listRunSummariesPagesAsListRunsDoesWithTheSameFilters() {
		String name = TestData.id("summaries_wf");
		String marker = TestData.id("Customer");
		Instant base = now().minus(Duration.ofHours(1));
		List<WorkflowRun> runs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			runs.add(TestData.run(base.plusSeconds(10L * i))
				.workflowName(name)
				.status((i % 2 == 0) ? RunStatus.PENDING : RunStatus.COMPLETED)
				.inputKwargs((i == 3) ? "{\"customer\": \"" + marker + "\"}" : "{}")
				.build());
		}
		WorkflowRun sameInstant = TestData.run(base.plusSeconds(20)).workflowName(name).build();
		runs.add(sameInstant);
		runs.forEach(this.storage::createRun);
		RunFilter byName = RunFilter.all().withQuery(name.toUpperCase());
		List<RunFilter> filters = List.of(byName, byName.withStatus(RunStatus.COMPLETED),
				byName.withTimeRange(base.plusSeconds(10), base.plusSeconds(40)), byName.withTimeRange(base.plusSeconds(20), null),
				RunFilter.all().withQuery(marker.toLowerCase()), byName.withLimit(2), byName.withLimit(1),
				byName.withStatus(RunStatus.RUNNING));
		for (RunFilter filter : filters) {
			assertSamePages(filter);
		}
		assertThat(this.storage.listRunSummaries(byName).runs()).hasSize(6);
		assertThat(this.storage.listRunSummaries(RunFilter.all().withQuery(marker)).runs()).extracting(RunSummary::runId)
			.containsExactly(runs.get(3).runId());
	}

	// Every page of listRunSummaries is listRuns' page in summary, cursors included.
	private void assertSamePages(RunFilter filter) {
		RunFilter current = filter;
		int pages = 0;
		while (true) {
			RunPage runs = this.storage.listRuns(current);
			RunSummaryPage summaries = this.storage.listRunSummaries(current);
			assertThat(summaries.runs()).as("page %d of %s", pages, filter)
				.containsExactlyElementsOf(runs.runs().stream().map(RunSummary::of).toList());
			assertThat(summaries.nextCursor()).isEqualTo(runs.nextCursor());
			pages++;
			if (runs.nextCursor().isEmpty() || pages > 10) {
				break;
			}
			current = filter.withCursor(runs.nextCursor().get());
		}
	}

	@Test
	void listRunSummariesWithUnknownCursorFails() {
		String cursor = TestData.id("nowhere");
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> this.storage.listRunSummaries(RunFilter.all().withCursor(cursor)))
			.withMessageContaining("listRunSummaries")
			.withMessageContaining(cursor);
	}

}
