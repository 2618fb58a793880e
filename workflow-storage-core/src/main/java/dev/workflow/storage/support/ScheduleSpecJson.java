package dev.workflow.storage.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
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
	 * Reads pyworkflow's spec JSON; missing fields take pyworkflow's defaults.
	 * @param text the JSON text
	 * @return the spec
	 */
	public static ScheduleSpec read(@Nullable String text) {
		JsonNode node = JsonText.parse(text);
		if (node == null || !node.isObject()) {
			return new ScheduleSpec(null, null, null, "UTC", null, null, null);
		}
		List<CalendarSpec> calendar = null;
		JsonNode entries = node.get("calendar");
		if (entries != null && entries.isArray() && !entries.isEmpty()) {
			calendar = new ArrayList<>();
			for (JsonNode entry : entries) {
				calendar.add(new CalendarSpec(entry.path("second").asInt(0), entry.path("minute").asInt(0),
						entry.path("hour").asInt(0), integer(entry, "day_of_month"), integer(entry, "month"),
						integer(entry, "day_of_week")));
			}
		}
		String timezone = string(node, "timezone");
		return new ScheduleSpec(string(node, "cron"), string(node, "interval"), calendar,
				(timezone != null) ? timezone : "UTC", parse(string(node, "start_at")), parse(string(node, "end_at")),
				string(node, "jitter"));
	}

	private static @Nullable String string(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static @Nullable Integer integer(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asInt();
	}

	private static @Nullable String format(@Nullable Instant instant) {
		if (instant == null) {
			return null;
		}
		DateTimeFormatter formatter = (instant.getNano() == 0) ? PYTHON_ISO_SECONDS : PYTHON_ISO_MICROS;
		return formatter.format(instant.atOffset(ZoneOffset.UTC));
	}

	// Python writes naive datetimes without an offset; pyworkflow means UTC by them.
	private static @Nullable Instant parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (RuntimeException ex) {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
	}

}
