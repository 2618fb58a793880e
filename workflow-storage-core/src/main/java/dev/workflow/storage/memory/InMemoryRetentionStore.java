package dev.workflow.storage.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.store.RetentionStore;
import dev.workflow.storage.store.RetentionTally;

/**
 * Retention in memory, deleting what the SQL backends delete, in the same batches and order.
 */
final class InMemoryRetentionStore implements RetentionStore {

	private final ReentrantLock pass = new ReentrantLock();

	private final InMemoryRunStore runs;

	private final InMemoryEventStore events;

	private final InMemoryStepStore steps;

	private final InMemoryHookStore hooks;

	private final InMemoryCancellationFlagStore flags;

	private final InMemoryCheckpointStore checkpoints;

	private final InMemoryStreamStore streams;

	private final InMemorySubscriptionStore subscriptions;

	private final InMemoryScheduledSignalStore scheduledSignals;

	private final InMemoryScheduleStore schedules;

	InMemoryRetentionStore(InMemoryRunStore runs, InMemoryEventStore events, InMemoryStepStore steps,
			InMemoryHookStore hooks, InMemoryCancellationFlagStore flags, InMemoryCheckpointStore checkpoints,
			InMemoryStreamStore streams, InMemorySubscriptionStore subscriptions,
			InMemoryScheduledSignalStore scheduledSignals, InMemoryScheduleStore schedules) {
		this.runs = runs;
		this.events = events;
		this.steps = steps;
		this.hooks = hooks;
		this.flags = flags;
		this.checkpoints = checkpoints;
		this.streams = streams;
		this.subscriptions = subscriptions;
		this.scheduledSignals = scheduledSignals;
		this.schedules = schedules;
	}

	@Override
	public RetentionPass deleteOldRuns(Instant olderThan, int batchSize) {
		if (!this.pass.tryLock()) {
			return RetentionPass.skippedPass();
		}
		try {
			RetentionTally tally = new RetentionTally();
			List<String> parents = new ArrayList<>();
			List<String> candidates = this.runs.endedBefore(olderThan).stream().map(WorkflowRun::runId).toList();
			for (int first = 0; first < candidates.size(); first += batchSize) {
				List<String> batch = candidates.subList(first, Math.min(candidates.size(), first + batchSize));
				parents.addAll(batch.stream().filter(this.runs::hasChildren).toList());
				deleteBatch(batch.stream().filter((runId) -> !this.runs.hasChildren(runId)).toList(), olderThan, tally);
			}
			// A parent that ended before its children comes before them: it goes once they have gone.
			while (!parents.isEmpty()) {
				List<String> childless = parents.stream().filter((runId) -> !this.runs.hasChildren(runId)).toList();
				if (childless.isEmpty()) {
					break;
				}
				parents.removeAll(childless);
				for (int first = 0; first < childless.size(); first += batchSize) {
					deleteBatch(childless.subList(first, Math.min(childless.size(), first + batchSize)), olderThan, tally);
				}
			}
			tally.deleted("scheduled_signals", this.scheduledSignals.removeDeliveredBefore(olderThan));
			tally.deleted("signals", this.streams.removeSignalsBefore(olderThan));
			tally.deleted("signal_acknowledgments", this.streams.removeAcknowledgmentsBefore(olderThan));
			tally.deleted("stream_subscriptions", this.subscriptions.removeEndedBefore(olderThan));
			tally.deleted("schedules", this.schedules.removeDeletedBefore(olderThan));
			return tally.pass();
		}
		finally {
			this.pass.unlock();
		}
	}

	private void deleteBatch(List<String> batch, Instant olderThan, RetentionTally tally) {
		if (batch.isEmpty()) {
			return;
		}
		Map<String, Long> deleted = new LinkedHashMap<>();
		for (String runId : batch) {
			if (!this.runs.removeEnded(runId, olderThan)) {
				continue;
			}
			List<String> stepIds = this.steps.removeRun(runId);
			deleted.merge("checkpoints", (long) this.checkpoints.removeAll(stepIds), Long::sum);
			deleted.merge("events", (long) this.events.removeRun(runId), Long::sum);
			deleted.merge("steps", (long) stepIds.size(), Long::sum);
			deleted.merge("hooks", (long) this.hooks.removeRun(runId), Long::sum);
			deleted.merge("cancellation_flags", this.flags.removeRun(runId) ? 1L : 0L, Long::sum);
			deleted.merge("workflow_runs", 1L, Long::sum);
		}
		tally.committed(deleted);
	}

}
