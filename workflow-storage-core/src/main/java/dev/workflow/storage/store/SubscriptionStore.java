package dev.workflow.storage.store;

import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps the subscriptions of stream steps to streams. Arguments arrive checked;
 * refusals are thrown as {@link Rejection}s.
 *
 * @since 0.3.0
 */
public interface SubscriptionStore {

	/**
	 * Inserts a waiting subscription, or sets an existing one's types and stream run and makes it
	 * waiting.
	 */
	void register(String streamId, String stepRunId, List<String> signalTypes, @Nullable String streamRunId);

	Optional<StreamSubscription> find(String streamId, String stepRunId);

	/**
	 * A stream's subscriptions, of one stream run or all, oldest first (then by step run id).
	 */
	List<StreamSubscription> list(String streamId, @Nullable String streamRunId);

	/**
	 * @throws Rejection if the subscription does not exist
	 */
	void updateStatus(String streamId, String stepRunId, SubscriptionStatus status);

	/**
	 * @throws Rejection if the subscription does not exist
	 */
	void updateResult(String streamId, String stepRunId, String result);

	/**
	 * @return how many subscriptions of the stream run were linked
	 */
	int link(String streamId, String streamRunId, StreamParentLink link);

	/**
	 * The link of the stream run's oldest linked subscription.
	 */
	Optional<StreamParentLink> findLink(String streamId, String streamRunId);

}
