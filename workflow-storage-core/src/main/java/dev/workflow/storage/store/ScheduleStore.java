package dev.workflow.storage.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps schedules. Arguments arrive checked; refusals are thrown as
 * {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface ScheduleStore {

	/**
	 * @throws Rejection if the schedule id is taken
	 */
	void insert(Schedule schedule);

	Optional<Schedule> find(String scheduleId);

	/**
	 * @throws Rejection if the schedule does not exist
	 */
	void update(Schedule schedule);

	/**
	 * @throws Rejection if the schedule does not exist
	 */
	void delete(String scheduleId);

	/**
	 * A page of schedules, newest first.
	 */
	List<Schedule> list(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit, int offset);

	/**
	 * The active schedules whose next run time is at or before {@code now}, earliest first.
	 */
	List<Schedule> findDue(Instant now);

	/**
	 * Adds a run id to the schedule's running runs, once.
	 * @throws Rejection if the schedule does not exist
	 */
	void addRunningRun(String scheduleId, String runId);

	/**
	 * @throws Rejection if the schedule does not exist
	 */
	void removeRunningRun(String scheduleId, String runId);

}
