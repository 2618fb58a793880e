package dev.workflow.storage.store;

import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps streams, the signals published to them and which stream steps
 * acknowledged which signals. Arguments arrive checked; refusals are thrown as
 * {@link Rejection}s.
 *
 * @since 0.3.0
 */
public interface StreamStore {

	/**
	 * @throws Rejection if the stream exists
	 */
	void insertStream(String streamId, @Nullable String metadata);

	Optional<SignalStream> findStream(String streamId);

	/**
	 * Inserts a signal after the highest sequence of its stream run, distinct and gap-free among
	 * concurrent publishers.
	 * @return the sequence
	 * @throws Rejection if the stream already has a signal of the stream run at that sequence
	 */
	int publish(NewSignal signal);

	/**
	 * A stream's signals from a sequence on, ordered by sequence and stream run id.
	 */
	List<Signal> signals(String streamId, int fromSequence, int limit);

	List<Signal> query(SignalQuery query);

	void acknowledge(String signalId, String stepRunId);

	/**
	 * The stream's signals of the given types that the step has not acknowledged, ordered by
	 * sequence and stream run id.
	 */
	List<Signal> unacknowledged(String streamId, List<String> signalTypes, String stepRunId);

}
