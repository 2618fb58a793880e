package dev.workflow.storage.dashboard;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Reads the query parameters of a dashboard request: blank means absent, and a value that does
 * not parse is a bad request naming the parameter.
 */
final class Params {

	// What an <input type="datetime-local"> sends and shows: a UTC wall-clock time here.
	private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private Params() {
	}

	/**
	 * A parameter's value, stripped of surrounding white space.
	 * @param request the request
	 * @param name the parameter
	 * @return the value, or {@code null} when absent or blank
	 */
	static @Nullable String text(ServerRequest request, String name) {
		String value = request.param(name).orElse(null);
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

	/**
	 * A parameter that names an entity: kept exactly as sent (an id may begin or end with a
	 * space), absent only when empty.
	 * @param request the request
	 * @param name the parameter
	 * @return the value, or {@code null} when absent or empty
	 */
	static @Nullable String id(ServerRequest request, String name) {
		String value = request.param(name).orElse(null);
		return (value == null || value.isEmpty()) ? null : value;
	}

	static String requiredId(ServerRequest request, String name) {
		String value = id(request, name);
		if (value == null) {
			throw DashboardProblem.badRequest("The parameter \"" + name + "\" is required.");
		}
		return value;
	}

	/**
	 * Every non-blank value of a repeated parameter.
	 * @param request the request
	 * @param name the parameter
	 * @return the values, in order
	 */
	static List<String> all(ServerRequest request, String name) {
		List<String> values = request.params().get(name);
		return (values != null) ? values.stream().filter(Objects::nonNull).filter((v) -> !v.isBlank()).toList()
				: List.of();
	}

	static @Nullable Integer integer(ServerRequest request, String name, int min, int max) {
		String value = text(request, name);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value);
			if (number < min || number > max) {
				throw DashboardProblem
					.badRequest("The parameter \"" + name + "\" must be from " + min + " to " + max + ".");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw DashboardProblem.badRequest("The parameter \"" + name + "\" must be a whole number.");
		}
	}

	/**
	 * A time: an ISO-8601 instant ({@code 2026-05-01T12:00:00Z}, or with an offset), or a
	 * date and time without a zone, read as UTC (what a {@code datetime-local} field sends).
	 * @param request the request
	 * @param name the parameter
	 * @return the instant, or {@code null} when absent
	 */
	static @Nullable Instant instant(ServerRequest request, String name) {
		String value = text(request, name);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notWithOffset) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				throw DashboardProblem.badRequest("The parameter \"" + name
						+ "\" must be a time such as 2026-05-01T12:00 (UTC) or 2026-05-01T12:00:00Z.");
			}
		}
	}

	/**
	 * An instant as a {@code datetime-local} field shows it, in UTC.
	 * @param instant the instant, or {@code null}
	 * @return the field's value, empty for {@code null}
	 */
	static String localInput(@Nullable Instant instant) {
		return (instant != null) ? LOCAL_INPUT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) : "";
	}

}
