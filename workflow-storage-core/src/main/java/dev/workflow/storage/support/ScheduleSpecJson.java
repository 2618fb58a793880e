package dev.workflow.storage.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.ScheduleSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes a {@link ScheduleSpec} as the JSON text of {@code schedules.spec}, with the
 * field names and ISO timestamps of pyworkflow's {@code ScheduleSpec.to_dict}, so that Python
 * workers read what the JVM writes and the other way round.
 *
 * @since 0.1.0
 */
public final class ScheduleSpecJson {

	// Python's datetime.isoformat(): seconds, microseconds only when non-zero, offset as +00:00.
	private static final DateTimeFormatter PYTHON_ISO_SECONDS = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd'T'HH:mm:ss")
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private static final DateTimeFormatter PYTHON_ISO_MICROS = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private ScheduleSpecJson() {
	}

	/**
	 * The spec as pyworkflow's JSON.
	 * @param spec the spec
	 * @return the JSON text
	 */
	public static String write(ScheduleSpec spec) {
		ObjectNode node = JsonText.MAPPER.createObjectNode();
		node.put("cron", spec.cron());
		node.put("interval", spec.interval());
		if (spec.calendar() != null && !spec.calendar().isEmpty()) {
			ArrayNode calendar = node.putArray("calendar");
			for (CalendarSpec entry : spec.calendar()) {
				ObjectNode item = calendar.addObject();
				item.put("second", entry.second());
				item.put("minute", entry.minute());
				item.put("hour", entry.hour());
				item.put("day_of_month", entry.dayOfMonth());
				item.put("month", entry.month());
				item.put("day_of_week", entry.dayOfWeek());
			}
		}
		else {
			node.putNull("calendar");
		}
		node.put("timezone", spec.timezone());
		node.put("start_at", format(spec.startAt()));
		node.put("end_at", format(spec.endAt()));
		node.put("jitter", spec.jitter());
		return node.toString();
	}

	/**
	 * Reads pyworkflow's spec JSON as its {@code ScheduleSpec.from_dict} does: missing fields take
	 * pyworkflow's defaults, and SQL NULL or empty text is an empty spec (pyworkflow reads it as
	 * {@code {}}).
	 * @param text the JSON text
	 * @return the spec
	 * @throws IllegalArgumentException saying what the text must be, if it is not such JSON (a
	 * field of the wrong type, a time that is not ISO 8601), rather than reading it as a default
	 * that a later update would write back
	 */
	public static ScheduleSpec read(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return new ScheduleSpec(null, null, null, "UTC", null, null, null);
		}
		JsonNode node = JsonText.read(text, "must be a JSON object");
		if (!node.isObject()) {
			throw new IllegalArgumentException("must be a JSON object");
		}
		String timezone = string(node, "timezone");
		return new ScheduleSpec(string(node, "cron"), string(node, "interval"), calendar(node),
				(timezone != null) ? timezone : "UTC", instant(node, "start_at"), instant(node, "end_at"),
				string(node, "jitter"));
	}

	private static @Nullable List<CalendarSpec> calendar(JsonNode spec) {
		JsonNode entries = spec.get("calendar");
		if (entries == null || entries.isNull()) {
			return null;
		}
		if (!entries.isArray()) {
			throw new IllegalArgumentException("must hold calendar as null or an array of objects");
		}
		List<CalendarSpec> calendar = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			JsonNode entry = entries.get(i);
			String name = "calendar[" + i + "]";
			if (!entry.isObject()) {
				throw new IllegalArgumentException("must hold " + name + " as an object");
			}
			calendar.add(new CalendarSpec(integerOrZero(entry, name, "second"), integerOrZero(entry, name, "minute"),
					integerOrZero(entry, name, "hour"), integerOrNull(entry, name, "day_of_month"),
					integerOrNull(entry, name, "month"), integerOrNull(entry, name, "day_of_week")));
		}
		return calendar.isEmpty() ? null : calendar;
	}

	private static @Nullable String string(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException("must hold " + field + " as a string or null");
		}
		return value.stringValue();
	}

	// pyworkflow's CalendarSpec.from_dict defaults a missing second, minute or hour to 0.
	private static int integerOrZero(JsonNode entry, String entryName, String field) {
		JsonNode value = entry.get(field);
		return (value != null) ? integer(value, entryName + "." + field, "an integer") : 0;
	}

	private static @Nullable Integer integerOrNull(JsonNode entry, String entryName, String field) {
		JsonNode value = entry.get(field);
		return (value != null && !value.isNull()) ? integer(value, entryName + "." + field, "an integer or null")
				: null;
	}

	private static int integer(JsonNode value, String name, String expected) {
		if (!value.isIntegralNumber() || !value.canConvertToInt()) {
			throw new IllegalArgumentException("must hold " + name + " as " + expected);
		}
		return value.intValue();
	}

	private static @Nullable String format(@Nullable Instant instant) {
		if (instant == null) {
			return null;
		}
		DateTimeFormatter formatter = (instant.getNano() == 0) ? PYTHON_ISO_SECONDS : PYTHON_ISO_MICROS;
		return formatter.format(instant.atOffset(ZoneOffset.UTC));
	}

	// pyworkflow reads a missing, null or empty time as none. Python writes naive datetimes
	// without an offset; pyworkflow means UTC by them.
	private static @Nullable Instant instant(JsonNode spec, String field) {
		String text = string(spec, field);
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				throw new IllegalArgumentException("must hold " + field
						+ " as an ISO 8601 date-time, as Python's datetime.isoformat() writes it", notLocal);
			}
		}
	}

}
