package dev.workflow.storage.dashboard;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.workflow.storage.WorkflowStorage;
import org.jspecify.annotations.Nullable;

/**
 * How the dashboard writes times and durations: UTC to the millisecond, readable at a glance.
 */
final class Times {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	/**
	 * An instant as shown, in UTC; PostgreSQL's infinities by name.
	 * @param instant the instant, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	static String shown(@Nullable Instant instant) {
		if (instant == null) {
			return "";
		}
		if (instant.equals(WorkflowStorage.INFINITY)) {
			return "infinity";
		}
		if (instant.equals(WorkflowStorage.NEGATIVE_INFINITY)) {
			return "-infinity";
		}
		try {
			return SHOWN.format(instant);
		}
		catch (DateTimeException ex) {
			// A year the pattern cannot write (beyond 4 digits): the ISO form still can.
			return instant.toString();
		}
	}

	/**
	 * An instant in ISO-8601, for a {@code <time datetime>} attribute.
	 * @param instant the instant, or {@code null}
	 * @return the text, empty for {@code null}
	 */
	static String iso(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	/**
	 * The time between two instants, such as {@code 1h 02m 03s} or {@code 1.234s}.
	 * @param from the start, or {@code null}
	 * @param to the end, or {@code null}
	 * @return the text, empty when either is missing or the end is before the start
	 */
	static String between(@Nullable Instant from, @Nullable Instant to) {
		if (from == null || to == null || to.isBefore(from) || isInfinite(from) || isInfinite(to)) {
			return "";
		}
		return duration(Duration.between(from, to));
	}

	static String duration(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < 60) {
			return String.format("%d.%03ds", seconds, duration.toMillisPart());
		}
		long days = duration.toDays();
		if (days > 0) {
			return String.format("%dd %02dh %02dm", days, duration.toHoursPart(), duration.toMinutesPart());
		}
		if (seconds >= 3600) {
			return String.format("%dh %02dm %02ds", duration.toHours(), duration.toMinutesPart(),
					duration.toSecondsPart());
		}
		return String.format("%dm %02ds", duration.toMinutes(), duration.toSecondsPart());
	}

	private static boolean isInfinite(Instant instant) {
		return instant.equals(WorkflowStorage.INFINITY) || instant.equals(WorkflowStorage.NEGATIVE_INFINITY);
	}

}
