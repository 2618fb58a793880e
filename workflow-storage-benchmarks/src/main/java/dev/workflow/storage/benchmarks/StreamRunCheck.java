package dev.workflow.storage.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Signal;

/**
 * The contract of publishing under load, checked after a benchmark: a stream run's signals,
 * across the streams that share it, hold the sequences 0..n-1, each once.
 */
final class StreamRunCheck {

	private StreamRunCheck() {
	}

	/**
	 * Reads every signal of {@code streams} through our library (a subscription of a new step
	 * sees all of them: {@code getSignals} stops at its limit) and checks their sequences.
	 * @param storage our library on the benchmark's data
	 * @param streams the streams published to, in that stream run only
	 * @param streamRunId the stream run
	 * @return how many signals the stream run holds
	 * @throws IllegalStateException at the first sequence out of place
	 */
	static int check(WorkflowStorage storage, List<String> streams, String streamRunId) {
		String checker = Fixtures.id("checker");
		List<Integer> sequences = new ArrayList<>();
		for (String stream : streams) {
			storage.registerStreamSubscription(stream, checker, List.of(Fixtures.SIGNAL_TYPE), streamRunId);
			for (Signal signal : storage.getPendingSignals(stream, checker)) {
				if (!streamRunId.equals(signal.streamRunId())) {
					throw new IllegalStateException("Signal " + signal + " is not of stream run " + streamRunId);
				}
				sequences.add(signal.sequence());
			}
		}
		Collections.sort(sequences);
		for (int i = 0; i < sequences.size(); i++) {
			if (sequences.get(i) != i) {
				throw new IllegalStateException("Stream run " + streamRunId + " has sequence " + sequences.get(i)
						+ " at position " + i + " of " + sequences.size());
			}
		}
		return sequences.size();
	}

}
