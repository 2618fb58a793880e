package dev.workflow.storage.support;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The few JSON operations storage needs on the JSON text columns: checking for an object,
 * reading a top-level field the way PostgreSQL's {@code ->>} does, and the string arrays of
 * {@code schedules.running_run_ids}.
 *
 * @since 0.1.0
 */
public final class JsonText {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonText() {
	}

	/**
	 * Whether {@code text} is one JSON object.
	 * @param text the text
	 * @return {@code true} for a JSON object
	 */
	public static boolean isObject(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return false;
		}
		try (JsonParser parser = MAPPER.createParser(text)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * A top-level field of a JSON object as PostgreSQL's {@code ->>} gives it: strings unquoted,
	 * other values as JSON text, and {@code null} for JSON null or a missing field.
	 * @param objectText a JSON object text
	 * @param field the field name
	 * @return the field's value as text
	 */
	public static @Nullable String field(String objectText, String field) {
		// Streams over the top level without building a tree: this runs for every appended event.
		try (JsonParser parser = MAPPER.createParser(objectText)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String found = null;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				boolean wanted = field.equals(parser.currentName());
				JsonToken value = parser.nextToken();
				if (!wanted) {
					parser.skipChildren();
				}
				else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					found = MAPPER.readTree(parser).toString();
				}
				else {
					// The last duplicate wins, as in PostgreSQL's jsonb.
					found = (value == JsonToken.VALUE_NULL) ? null : parser.getString();
				}
			}
			return found;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Reads a JSON array of strings; anything else reads as empty.
	 * @param text the JSON text
	 * @return the strings
	 */
	public static List<String> stringList(@Nullable String text) {
		JsonNode node = parse(text);
		List<String> strings = new ArrayList<>();
		if (node != null && node.isArray()) {
			node.forEach((element) -> strings.add(element.asString()));
		}
		return strings;
	}

	/**
	 * Writes strings as a JSON array.
	 * @param strings the strings
	 * @return the JSON text
	 */
	public static String stringArray(List<String> strings) {
		ArrayNode array = MAPPER.createArrayNode();
		strings.forEach(array::add);
		return array.toString();
	}

	static @Nullable JsonNode parse(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
