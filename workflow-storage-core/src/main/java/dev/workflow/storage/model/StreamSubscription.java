package dev.workflow.storage.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A stream step's subscription to signal types of a stream, as stored in
 * {@code stream_subscriptions}.
 *
 * @param streamId the stream
 * @param stepRunId the stream step's run id
 * @param signalTypes the signal types it waits for
 * @param status its status
 * @param streamRunId the stream run it belongs to, if any
 * @param parentRunId the workflow run to resume when the stream run ends, if linked
 * @param parentHookToken the hook token that resumes it, if linked
 * @param result the step's result as JSON text (as {@code jsonb} gives it back), if set
 * @param createdAt when it was first registered
 * @since 0.3.0
 */
public record StreamSubscription(String streamId, String stepRunId, List<String> signalTypes,
		SubscriptionStatus status, @Nullable String streamRunId, @Nullable String parentRunId,
		@Nullable String parentHookToken, @Nullable String result, Instant createdAt) {

	public StreamSubscription {
		signalTypes = List.copyOf(signalTypes);
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		createdAt = Micros.truncate(createdAt);
	}

	/**
	 * The link to the workflow run that waits for this subscription's stream run.
	 * @return the link, or {@code null} when there is none
	 */
	public @Nullable StreamParentLink parentLink() {
		return (this.parentRunId != null && this.parentHookToken != null)
				? new StreamParentLink(this.parentRunId, this.parentHookToken) : null;
	}

}
