package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.SubscriptionStore;
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;

/**
 * Stream subscriptions in memory, keyed by stream and step run as the table is.
 */
final class InMemorySubscriptionStore implements SubscriptionStore {

	private static final Comparator<StreamSubscription> OLDEST_FIRST = Comparator
		.comparing(StreamSubscription::createdAt)
		.thenComparing(StreamSubscription::stepRunId, Utf8Order.COMPARATOR);

	private final Clock clock;

	private final Map<Key, StreamSubscription> subscriptions = new ConcurrentHashMap<>();

	InMemorySubscriptionStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void register(String streamId, String stepRunId, List<String> signalTypes, @Nullable String streamRunId) {
		this.subscriptions.merge(new Key(streamId, stepRunId),
				new StreamSubscription(streamId, stepRunId, signalTypes, SubscriptionStatus.WAITING, streamRunId, null,
						null, null, this.clock.instant()),
				(current, registered) -> new StreamSubscription(streamId, stepRunId, signalTypes,
						SubscriptionStatus.WAITING, streamRunId, current.parentRunId(), current.parentHookToken(),
						current.result(), current.createdAt()));
	}

	@Override
	public Optional<StreamSubscription> find(String streamId, String stepRunId) {
		return Optional.ofNullable(this.subscriptions.get(new Key(streamId, stepRunId)));
	}

	@Override
	public List<StreamSubscription> list(String streamId, @Nullable String streamRunId) {
		return this.subscriptions.values()
			.stream()
			.filter((subscription) -> subscription.streamId().equals(streamId)
					&& (streamRunId == null || streamRunId.equals(subscription.streamRunId())))
			.sorted(OLDEST_FIRST)
			.toList();
	}

	@Override
	public void updateStatus(String streamId, String stepRunId, SubscriptionStatus status) {
		update(streamId, stepRunId, (current) -> new StreamSubscription(streamId, stepRunId, current.signalTypes(),
				status, current.streamRunId(), current.parentRunId(), current.parentHookToken(), current.result(),
				current.createdAt()));
	}

	@Override
	public void updateResult(String streamId, String stepRunId, String result) {
		String stored = JsonText.jsonb(result);
		update(streamId, stepRunId, (current) -> new StreamSubscription(streamId, stepRunId, current.signalTypes(),
				current.status(), current.streamRunId(), current.parentRunId(), current.parentHookToken(), stored,
				current.createdAt()));
	}

	@Override
	public int link(String streamId, String streamRunId, StreamParentLink link) {
		int linked = 0;
		for (StreamSubscription subscription : list(streamId, streamRunId)) {
			this.subscriptions.computeIfPresent(new Key(streamId, subscription.stepRunId()),
					(key, current) -> new StreamSubscription(streamId, current.stepRunId(), current.signalTypes(),
							current.status(), current.streamRunId(), link.parentRunId(), link.parentHookToken(),
							current.result(), current.createdAt()));
			linked++;
		}
		return linked;
	}

	@Override
	public Optional<StreamParentLink> findLink(String streamId, String streamRunId) {
		return list(streamId, streamRunId).stream().map(StreamSubscription::parentLink).filter(Objects::nonNull).findFirst();
	}

	/**
	 * Removes the ended subscriptions ({@code terminated}, {@code completed}) registered before
	 * {@code olderThan}.
	 * @return how many
	 */
	int removeEndedBefore(Instant olderThan) {
		int before = this.subscriptions.size();
		this.subscriptions.values()
			.removeIf((subscription) -> (subscription.status() == SubscriptionStatus.TERMINATED
					|| subscription.status() == SubscriptionStatus.COMPLETED)
					&& subscription.createdAt().isBefore(olderThan));
		return before - this.subscriptions.size();
	}

	private void update(String streamId, String stepRunId, UnaryOperator<StreamSubscription> change) {
		if (this.subscriptions.computeIfPresent(new Key(streamId, stepRunId), (key, current) -> change.apply(current)) == null) {
			throw Rejection.notFound("subscription of step run", stepRunId);
		}
	}

	private record Key(String streamId, String stepRunId) {
	}

}
