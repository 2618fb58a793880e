package dev.workflow.storage.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleStatus;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as the schedules page lists it.
 *
 * @param scheduleId its id
 * @param workflowName the workflow it starts
 * @param spec when it triggers, in words
 * @param bounds its start, end and jitter, in words, or empty
 * @param timezone the time zone its spec is read in
 * @param status its status badge
 * @param paused whether it is paused
 * @param deleted whether it is deleted
 * @param nextRun when it next triggers, or empty
 * @param lastRun when it last triggered, or empty
 * @param runningRuns its runs still running, as links
 * @param overlapPolicy what it does when a run is due while others run
 * @param pausedAt when it was paused, or empty
 */
record ScheduleRow(String scheduleId, String workflowName, String spec, String bounds, String timezone,
		StatusBadge status, boolean paused, boolean deleted, String nextRun, String lastRun, List<RunId> runningRuns,
		String overlapPolicy, String pausedAt) {

	static ScheduleRow of(Schedule schedule, DashboardLinks links) {
		return new ScheduleRow(schedule.scheduleId(), schedule.workflowName(), spec(schedule.spec()),
				bounds(schedule.spec()), schedule.spec().timezone(), StatusBadge.of(schedule.status()),
				schedule.status() == ScheduleStatus.PAUSED, schedule.status() == ScheduleStatus.DELETED,
				Times.shown(schedule.nextRunTime()), Times.shown(schedule.lastRunTime()),
				schedule.runningRunIds().stream().map((runId) -> new RunId(runId, links.run(runId))).toList(),
				schedule.overlapPolicy().value().replace('_', ' '), Times.shown(schedule.pausedAt()));
	}

	static String spec(ScheduleSpec spec) {
		return switch (spec.type()) {
			case CRON -> "cron " + spec.cron();
			case INTERVAL -> "every " + spec.interval();
			case CALENDAR -> "at " + calendar(spec.calendar());
		};
	}

	private static String calendar(@Nullable List<CalendarSpec> entries) {
		if (entries == null || entries.isEmpty()) {
			return "no calendar time";
		}
		return entries.stream().map(ScheduleRow::calendarEntry).collect(Collectors.joining("; "));
	}

	private static String calendarEntry(CalendarSpec entry) {
		StringBuilder text = new StringBuilder(
				String.format("%02d:%02d:%02d", entry.hour(), entry.minute(), entry.second()));
		if (entry.dayOfMonth() != null) {
			text.append(" on day ").append(entry.dayOfMonth());
		}
		if (entry.month() != null) {
			text.append(" in month ").append(entry.month());
		}
		if (entry.dayOfWeek() != null) {
			text.append(" on weekday ").append(entry.dayOfWeek()).append(" (0 = Monday)");
		}
		return text.toString();
	}

	private static String bounds(ScheduleSpec spec) {
		List<String> parts = new ArrayList<>();
		if (spec.startAt() != null) {
			parts.add("from " + Times.shown(spec.startAt()));
		}
		if (spec.endAt() != null) {
			parts.add("until " + Times.shown(spec.endAt()));
		}
		if (spec.jitter() != null) {
			parts.add("jitter up to " + spec.jitter());
		}
		return String.join(", ", parts);
	}

	/**
	 * A run id as a link.
	 *
	 * @param runId the id
	 * @param href the run's page
	 */
	record RunId(String runId, String href) {
	}

}
