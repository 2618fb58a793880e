package dev.workflow.storage.model;

import org.jspecify.annotations.Nullable;

/**
 * Which signals of one stream run {@code queryStreamSignals} returns, in sequence order: those
 * matching every filter given, the first {@link #limit()} of them, or with {@link #lastN()} the
 * last that many (sequence bounds then ignored, as pyworkflow does).
 *
 * @param streamId the stream
 * @param streamRunId the stream run, or {@code null} for the signals of no stream run
 * @param sourceRunId only signals this workflow run published, or {@code null} for all
 * @param signalType only signals of this type, or {@code null} for all
 * @param fromSequence only signals numbered at least this, or {@code null}
 * @param toSequence only signals numbered at most this, or {@code null}
 * @param lastN the last this many signals instead of the first {@code limit}, or {@code null}
 * @param limit the most signals returned, 1 to {@value RunFilter#MAX_LIMIT}
 * @since 0.3.0
 */
public record SignalQuery(String streamId, @Nullable String streamRunId, @Nullable String sourceRunId,
		@Nullable String signalType, @Nullable Integer fromSequence, @Nullable Integer toSequence,
		@Nullable Integer lastN, int limit) {

	/**
	 * The limit when none is given, pyworkflow's.
	 */
	public static final int DEFAULT_LIMIT = 50;

	/**
	 * The first {@value #DEFAULT_LIMIT} signals of a stream run.
	 * @param streamId the stream
	 * @param streamRunId the stream run, or {@code null} for the signals of no stream run
	 * @return the query
	 */
	public static SignalQuery of(String streamId, @Nullable String streamRunId) {
		return new SignalQuery(streamId, streamRunId, null, null, null, null, null, DEFAULT_LIMIT);
	}

	public SignalQuery fromSourceRun(@Nullable String sourceRunId) {
		return new SignalQuery(this.streamId, this.streamRunId, sourceRunId, this.signalType, this.fromSequence,
				this.toSequence, this.lastN, this.limit);
	}

	public SignalQuery ofType(@Nullable String signalType) {
		return new SignalQuery(this.streamId, this.streamRunId, this.sourceRunId, signalType, this.fromSequence,
				this.toSequence, this.lastN, this.limit);
	}

	public SignalQuery betweenSequences(@Nullable Integer fromSequence, @Nullable Integer toSequence) {
		return new SignalQuery(this.streamId, this.streamRunId, this.sourceRunId, this.signalType, fromSequence,
				toSequence, this.lastN, this.limit);
	}

	public SignalQuery lastOnes(@Nullable Integer lastN) {
		return new SignalQuery(this.streamId, this.streamRunId, this.sourceRunId, this.signalType, this.fromSequence,
				this.toSequence, lastN, this.limit);
	}

	public SignalQuery withLimit(int limit) {
		return new SignalQuery(this.streamId, this.streamRunId, this.sourceRunId, this.signalType, this.fromSequence,
				this.toSequence, this.lastN, limit);
	}

}
