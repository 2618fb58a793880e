package dev.workflow.storage.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A schedule that starts runs of a workflow, as stored in {@code schedules}.
 *
 * @param scheduleId the schedule's id
 * @param workflowName the workflow it starts
 * @param spec when it triggers
 * @param status its status
 * @param inputArgs positional arguments for each run, as JSON text
 * @param inputKwargs keyword arguments for each run, as JSON text
 * @param overlapPolicy what happens when a run is due while others still run
 * @param nextRunTime when it next triggers, if known
 * @param lastRunTime when it last triggered, if it has
 * @param runningRunIds the ids of its runs that are still running, without repeats
 * @param metadata metadata as JSON object text
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param pausedAt when it was paused, if it is
 * @param deletedAt when it was deleted, if it is
 * @since 0.1.0
 */
public record Schedule(String scheduleId, String workflowName, ScheduleSpec spec, ScheduleStatus status,
		String inputArgs, String inputKwargs, OverlapPolicy overlapPolicy, @Nullable Instant nextRunTime,
		@Nullable Instant lastRunTime, List<String> runningRunIds, String metadata, Instant createdAt,
		Instant updatedAt, @Nullable Instant pausedAt, @Nullable Instant deletedAt) {

	public Schedule {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(overlapPolicy, "overlapPolicy");
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(updatedAt, "updatedAt");
		inputArgs = Objects.requireNonNullElse(inputArgs, "[]");
		inputKwargs = Objects.requireNonNullElse(inputKwargs, "{}");
		runningRunIds = (runningRunIds != null) ? List.copyOf(runningRunIds) : List.of();
		metadata = Objects.requireNonNullElse(metadata, "{}");
		nextRunTime = Micros.truncate(nextRunTime);
		lastRunTime = Micros.truncate(lastRunTime);
		createdAt = Micros.truncate(createdAt);
		updatedAt = Micros.truncate(updatedAt);
		pausedAt = Micros.truncate(pausedAt);
		deletedAt = Micros.truncate(deletedAt);
	}

	/**
	 * An active schedule created at {@code createdAt}, with no arguments and the {@code skip} policy.
	 * @param scheduleId the schedule's id
	 * @param workflowName the workflow it starts
	 * @param spec when it triggers
	 * @param nextRunTime when it first triggers
	 * @param createdAt when it was created
	 * @return the schedule
	 */
	public static Schedule active(String scheduleId, String workflowName, ScheduleSpec spec,
			@Nullable Instant nextRunTime, Instant createdAt) {
		return new Schedule(scheduleId, workflowName, spec, ScheduleStatus.ACTIVE, "[]", "{}", OverlapPolicy.SKIP,
				nextRunTime, null, List.of(), "{}", createdAt, createdAt, null, null);
	}

	/**
	 * This schedule with another status.
	 * @param status the new status
	 * @param updatedAt when it changed
	 * @return the changed copy
	 */
	public Schedule withStatus(ScheduleStatus status, Instant updatedAt) {
		return new Schedule(this.scheduleId, this.workflowName, this.spec, status, this.inputArgs, this.inputKwargs,
				this.overlapPolicy, this.nextRunTime, this.lastRunTime, this.runningRunIds, this.metadata,
				this.createdAt, updatedAt, this.pausedAt, this.deletedAt);
	}

	/**
	 * This schedule with other running run ids.
	 * @param runningRunIds the new running run ids
	 * @param updatedAt when they changed
	 * @return the changed copy
	 */
	public Schedule withRunningRunIds(List<String> runningRunIds, Instant updatedAt) {
		return new Schedule(this.scheduleId, this.workflowName, this.spec, this.status, this.inputArgs,
				this.inputKwargs, this.overlapPolicy, this.nextRunTime, this.lastRunTime, runningRunIds, this.metadata,
				this.createdAt, updatedAt, this.pausedAt, this.deletedAt);
	}

	/**
	 * This schedule marked deleted.
	 * @param at when it was deleted
	 * @return the changed copy
	 */
	public Schedule deleted(Instant at) {
		return new Schedule(this.scheduleId, this.workflowName, this.spec, ScheduleStatus.DELETED, this.inputArgs,
				this.inputKwargs, this.overlapPolicy, this.nextRunTime, this.lastRunTime, this.runningRunIds,
				this.metadata, this.createdAt, at, this.pausedAt, at);
	}

}
