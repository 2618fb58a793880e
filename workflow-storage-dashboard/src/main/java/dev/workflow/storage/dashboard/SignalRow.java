package dev.workflow.storage.dashboard;

import dev.workflow.storage.dashboard.ScheduleRow.RunId;
import dev.workflow.storage.model.Signal;
import org.jspecify.annotations.Nullable;

/**
 * A signal as the streams page lists it.
 *
 * @param signalId its id
 * @param streamRunId its stream run, or {@code null} for none
 * @param sequence its number within its stream run
 * @param type its type
 * @param published when it was published
 * @param sourceRun the run that published it, as a link, or {@code null}
 * @param payload its payload
 */
record SignalRow(String signalId, @Nullable String streamRunId, int sequence, String type, String published,
		@Nullable RunId sourceRun, ShownValue payload) {

	static SignalRow of(Signal signal, DashboardLinks links) {
		return new SignalRow(signal.signalId(), signal.streamRunId(), signal.sequence(), signal.signalType(),
				Times.shown(signal.publishedAt()),
				(signal.sourceRunId() != null) ? new RunId(signal.sourceRunId(), links.run(signal.sourceRunId())) : null,
				ShownValue.json(signal.payload(),
						links.signalPayload(signal.streamId(), signal.sequence(), signal.signalId())));
	}

}
