package dev.workflow.storage.model;

import org.jspecify.annotations.Nullable;

/**
 * One calendar time at which a schedule triggers; unset parts match any value.
 *
 * @param second the second, 0-59
 * @param minute the minute, 0-59
 * @param hour the hour, 0-23
 * @param dayOfMonth the day of the month, 1-31, or any
 * @param month the month, 1-12, or any
 * @param dayOfWeek the ISO day of the week as pyworkflow counts it, 0 (Monday) to 6 (Sunday), or any
 * @since 0.1.0
 */
public record CalendarSpec(int second, int minute, int hour, @Nullable Integer dayOfMonth, @Nullable Integer month,
		@Nullable Integer dayOfWeek) {

}
