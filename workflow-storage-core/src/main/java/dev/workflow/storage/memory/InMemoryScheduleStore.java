package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.store.Rejection;
import dev.workflow.storage.store.ScheduleStore;
import org.jspecify.annotations.Nullable;

/**
 * Schedules in memory. Deleting marks a schedule deleted, as pyworkflow does.
 */
final class InMemoryScheduleStore implements ScheduleStore {

	private static final Comparator<Schedule> NEWEST_FIRST = Comparator.comparing(Schedule::createdAt)
		.thenComparing(Schedule::scheduleId)
		.reversed();

	private final Clock clock;

	private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

	InMemoryScheduleStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void insert(Schedule schedule) {
		if (this.schedules.putIfAbsent(schedule.scheduleId(), schedule) != null) {
			throw Rejection.duplicateId("schedule", schedule.scheduleId());
		}
	}

	@Override
	public Optional<Schedule> find(String scheduleId) {
		return Optional.ofNullable(this.schedules.get(scheduleId));
	}

	@Override
	public void update(Schedule schedule) {
		change(schedule.scheduleId(),
				(current) -> new Schedule(schedule.scheduleId(), schedule.workflowName(), schedule.spec(),
						schedule.status(), schedule.inputArgs(), schedule.inputKwargs(), schedule.overlapPolicy(),
						schedule.nextRunTime(), schedule.lastRunTime(), schedule.runningRunIds(), schedule.metadata(),
						current.createdAt(), this.clock.instant(), schedule.pausedAt(), schedule.deletedAt()));
	}

	@Override
	public void delete(String scheduleId) {
		change(scheduleId, (current) -> current.deleted(this.clock.instant()));
	}

	@Override
	public List<Schedule> list(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit, int offset) {
		return this.schedules.values()
			.stream()
			.filter((schedule) -> (workflowName == null || schedule.workflowName().equals(workflowName))
					&& (status == null || schedule.status() == status))
			.sorted(NEWEST_FIRST)
			.skip(offset)
			.limit(limit)
			.toList();
	}

	@Override
	public List<Schedule> findDue(Instant now) {
		return this.schedules.values()
			.stream()
			.filter((schedule) -> schedule.status() == ScheduleStatus.ACTIVE && schedule.nextRunTime() != null
					&& !schedule.nextRunTime().isAfter(now))
			.sorted(Comparator.comparing(Schedule::nextRunTime).thenComparing(Schedule::scheduleId))
			.toList();
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		changeRunningRuns(scheduleId, runId, Set::add);
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		changeRunningRuns(scheduleId, runId, Set::remove);
	}

	/**
	 * Removes the schedules deleted before {@code olderThan}.
	 * @return how many
	 */
	int removeDeletedBefore(Instant olderThan) {
		int before = this.schedules.size();
		this.schedules.values()
			.removeIf((schedule) -> schedule.status() == ScheduleStatus.DELETED && schedule.deletedAt() != null
					&& schedule.deletedAt().isBefore(olderThan));
		return before - this.schedules.size();
	}

	private void changeRunningRuns(String scheduleId, String runId, BiPredicate<Set<String>, String> change) {
		change(scheduleId, (current) -> {
			Set<String> running = new LinkedHashSet<>(current.runningRunIds());
			change.test(running, runId);
			return current.withRunningRunIds(List.copyOf(running), this.clock.instant());
		});
	}

	private void change(String scheduleId, UnaryOperator<Schedule> change) {
		if (this.schedules.computeIfPresent(scheduleId, (id, schedule) -> change.apply(schedule)) == null) {
			throw Rejection.notFound("schedule", scheduleId);
		}
	}

}
