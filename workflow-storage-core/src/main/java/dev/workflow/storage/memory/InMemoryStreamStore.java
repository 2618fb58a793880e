package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.StreamStore;
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;

/**
 * Streams, signals and acknowledgments in memory. Signals are numbered per stream run across
 * streams, those of no stream run sharing one numbering, and signal ids are unique, as in
 * pyworkflow's PostgreSQL tables; JSON comes back as {@code jsonb} gives it.
 */
final class InMemoryStreamStore implements StreamStore {

	// As PostgreSQL orders a stream's signals: by sequence, then by the stored stream run id's bytes.
	private static final Comparator<Signal> IN_SEQUENCE = Comparator.comparingInt(Signal::sequence)
		.thenComparing(InMemoryStreamStore::storedStreamRunId, Utf8Order.COMPARATOR);

	private final Clock clock;

	private final Map<String, SignalStream> streams = new ConcurrentHashMap<>();

	// Guarded by this: every signal, and the highest sequence of each stored stream run id.
	private final List<Signal> signals = new ArrayList<>();

	private final Map<String, Integer> highestSequences = new HashMap<>();

	private final Set<String> signalIds = new HashSet<>();

	private final Map<Acknowledgment, Instant> acknowledgments = new ConcurrentHashMap<>();

	InMemoryStreamStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void insertStream(String streamId, @Nullable String metadata) {
		SignalStream stream = new SignalStream(streamId, SignalStream.ACTIVE, this.clock.instant(),
				JsonText.jsonb(Objects.requireNonNullElse(metadata, "{}")));
		if (this.streams.putIfAbsent(streamId, stream) != null) {
			throw Rejection.duplicateId("stream", streamId);
		}
	}

	@Override
	public Optional<SignalStream> findStream(String streamId) {
		return Optional.ofNullable(this.streams.get(streamId));
	}

	@Override
	public synchronized int publish(NewSignal signal) {
		if (this.signalIds.contains(signal.signalId())) {
			throw Rejection.duplicateId("signal", signal.signalId());
		}
		String key = Objects.requireNonNullElse(signal.streamRunId(), Signal.PYWORKFLOW_NO_STREAM_RUN);
		int sequence = this.highestSequences.merge(key, 0, (highest, zero) -> highest + 1);
		this.signals.add(new Signal(signal.signalId(), signal.streamId(), signal.streamRunId(), sequence,
				signal.signalType(), JsonText.jsonb(signal.payload()), this.clock.instant(), signal.sourceRunId(),
				JsonText.jsonb(signal.metadata())));
		this.signalIds.add(signal.signalId());
		return sequence;
	}

	@Override
	public List<Signal> signals(String streamId, int fromSequence, int limit) {
		return select((signal) -> signal.streamId().equals(streamId) && signal.sequence() >= fromSequence, limit);
	}

	@Override
	public List<Signal> query(SignalQuery query) {
		Predicate<Signal> matches = (signal) -> signal.streamId().equals(query.streamId())
				&& Objects.equals(signal.streamRunId(), query.streamRunId())
				&& (query.sourceRunId() == null || query.sourceRunId().equals(signal.sourceRunId()))
				&& (query.signalType() == null || query.signalType().equals(signal.signalType()));
		if (query.lastN() != null) {
			List<Signal> all = select(matches, Integer.MAX_VALUE);
			return List.copyOf(all.subList(Math.max(0, all.size() - query.lastN()), all.size()));
		}
		return select(matches.and((signal) -> (query.fromSequence() == null || signal.sequence() >= query.fromSequence())
				&& (query.toSequence() == null || signal.sequence() <= query.toSequence())), query.limit());
	}

	@Override
	public void acknowledge(String signalId, String stepRunId) {
		this.acknowledgments.putIfAbsent(new Acknowledgment(signalId, stepRunId), this.clock.instant());
	}

	@Override
	public List<Signal> unacknowledged(String streamId, List<String> signalTypes, String stepRunId) {
		return select((signal) -> signal.streamId().equals(streamId) && signalTypes.contains(signal.signalType())
				&& !this.acknowledgments.containsKey(new Acknowledgment(signal.signalId(), stepRunId)), Integer.MAX_VALUE);
	}

	/**
	 * Removes the signals published before {@code olderThan}; a stream run left without signals
	 * numbers from 0 again, as {@code MAX(sequence)} of no rows does in SQL.
	 * @return how many
	 */
	synchronized int removeSignalsBefore(Instant olderThan) {
		List<Signal> removed = this.signals.stream().filter((signal) -> signal.publishedAt().isBefore(olderThan)).toList();
		this.signals.removeAll(removed);
		removed.forEach((signal) -> this.signalIds.remove(signal.signalId()));
		this.highestSequences.clear();
		this.signals.forEach((signal) -> this.highestSequences.merge(storedStreamRunId(signal), signal.sequence(), Math::max));
		return removed.size();
	}

	/**
	 * Removes the acknowledgments made before {@code olderThan}.
	 * @return how many
	 */
	int removeAcknowledgmentsBefore(Instant olderThan) {
		int before = this.acknowledgments.size();
		this.acknowledgments.values().removeIf((acknowledgedAt) -> acknowledgedAt.isBefore(olderThan));
		return before - this.acknowledgments.size();
	}

	private synchronized List<Signal> select(Predicate<Signal> matches, int limit) {
		return this.signals.stream().filter(matches).sorted(IN_SEQUENCE).limit(limit).toList();
	}

	private static String storedStreamRunId(Signal signal) {
		return Objects.requireNonNullElse(signal.streamRunId(), Signal.PYWORKFLOW_NO_STREAM_RUN);
	}

	private record Acknowledgment(String signalId, String stepRunId) {
	}

}
