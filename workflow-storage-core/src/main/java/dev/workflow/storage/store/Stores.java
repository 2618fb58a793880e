package dev.workflow.storage.store;

import java.util.function.Supplier;

import dev.workflow.storage.StorageHealth;

/**
 * The stores of one backend, one per aggregate, with its name and health check.
 *
 * @param backend the backend's name, such as {@code memory}, {@code postgres} or {@code citus}
 * @param runs the runs
 * @param events the event logs
 * @param steps the steps
 * @param hooks the hooks
 * @param cancellationFlags the cancellation flags
 * @param schedules the schedules
 * @param streams the streams, their signals and acknowledgments
 * @param subscriptions the stream subscriptions
 * @param scheduledSignals the signals to publish later
 * @param checkpoints the stream steps' checkpoints
 * @param retention what deletes old runs
 * @param health checks that the backend answers and describes it
 * @since 0.2.0
 */
public record Stores(String backend, RunStore runs, EventStore events, StepStore steps, HookStore hooks,
		CancellationFlagStore cancellationFlags, ScheduleStore schedules, StreamStore streams,
		SubscriptionStore subscriptions, ScheduledSignalStore scheduledSignals, CheckpointStore checkpoints,
		RetentionStore retention, Supplier<StorageHealth> health) {
}
