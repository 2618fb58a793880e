package dev.workflow.storage.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * When a schedule triggers: exactly one of a cron expression, an interval or calendar entries.
 * Stored as JSON text in {@code schedules.spec}, in pyworkflow's field names.
 *
 * @param cron a cron expression such as {@code "0 9 * * *"}, if this is a cron schedule
 * @param interval an interval such as {@code "5m"}, if this is an interval schedule
 * @param calendar calendar entries, if this is a calendar schedule
 * @param timezone the time zone the spec is read in
 * @param startAt when scheduling starts, if bounded
 * @param endAt when scheduling ends, if bounded
 * @param jitter a random delay added to each trigger, such as {@code "30s"}, if any
 * @since 0.1.0
 */
public record ScheduleSpec(@Nullable String cron, @Nullable String interval, @Nullable List<CalendarSpec> calendar,
		String timezone, @Nullable Instant startAt, @Nullable Instant endAt, @Nullable String jitter) {

	public ScheduleSpec {
		timezone = Objects.requireNonNullElse(timezone, "UTC");
		calendar = (calendar != null) ? List.copyOf(calendar) : null;
		startAt = Micros.truncate(startAt);
		endAt = Micros.truncate(endAt);
	}

	/**
	 * A cron spec in UTC.
	 * @param expression the cron expression
	 * @return the spec
	 */
	public static ScheduleSpec cron(String expression) {
		return new ScheduleSpec(expression, null, null, "UTC", null, null, null);
	}

	/**
	 * An interval spec in UTC.
	 * @param interval the interval, such as {@code "5m"}
	 * @return the spec
	 */
	public static ScheduleSpec interval(String interval) {
		return new ScheduleSpec(null, interval, null, "UTC", null, null, null);
	}

	/**
	 * The form this spec takes, as pyworkflow derives it: cron first, then interval, else calendar.
	 * @return the spec type
	 */
	public ScheduleSpecType type() {
		if (this.cron != null) {
			return ScheduleSpecType.CRON;
		}
		return (this.interval != null) ? ScheduleSpecType.INTERVAL : ScheduleSpecType.CALENDAR;
	}

}
