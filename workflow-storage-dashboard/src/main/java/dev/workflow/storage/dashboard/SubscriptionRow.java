package dev.workflow.storage.dashboard;

import dev.workflow.storage.dashboard.ScheduleRow.RunId;
import dev.workflow.storage.model.StreamSubscription;
import org.jspecify.annotations.Nullable;

/**
 * A stream step's subscription as the streams page lists it.
 *
 * @param stepRunId the stream step's run id
 * @param streamRunId its stream run, or {@code null}
 * @param signalTypes the signal types it waits for
 * @param status its status badge
 * @param parentRun the workflow run waiting for its stream run, as a link, or {@code null}
 * @param created when it was first registered
 * @param result the step's result, or {@code null}
 */
record SubscriptionRow(String stepRunId, @Nullable String streamRunId, String signalTypes, StatusBadge status,
		@Nullable RunId parentRun, String created, @Nullable String result) {

	static SubscriptionRow of(StreamSubscription subscription, DashboardLinks links) {
		return new SubscriptionRow(subscription.stepRunId(), subscription.streamRunId(),
				String.join(", ", subscription.signalTypes()), StatusBadge.of(subscription.status()),
				(subscription.parentRunId() != null)
						? new RunId(subscription.parentRunId(), links.run(subscription.parentRunId())) : null,
				Times.shown(subscription.createdAt()), subscription.result());
	}

}
