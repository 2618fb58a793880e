package dev.workflow.storage.support;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.workflow.storage.WorkflowStorage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
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

	// PostgreSQL's numeric keeps at most this many digits before the decimal point ...
	private static final int MAX_INTEGER_DIGITS = 131072;

	// ... and at most this many after it (trailing zeros count).
	private static final int MAX_FRACTION_DIGITS = 16383;

	private static final String STRING_ARRAY = "must be a JSON array of strings";

	// JSON as Python's json module reads and writes it: NaN and Infinity (json.dumps writes them
	// for float values), numbers, names and nesting beyond Jackson's defaults (1,000 digits, 500
	// levels), which pyworkflow and PostgreSQL accept.
	static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNumberLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.maxNestingDepth(Integer.MAX_VALUE)
			.build())
		.build()).build();

	private JsonText() {
	}

	/**
	 * What keeps {@code text} from being one JSON value of the given kind as Python's
	 * {@code json.loads} reads it (pyworkflow parses every JSON column so), nested at most
	 * {@value WorkflowStorage#MAX_JSON_DEPTH} levels deep.
	 * @param text the JSON text, not {@code null}
	 * @param kind {@link JsonToken#START_OBJECT} or {@link JsonToken#START_ARRAY}
	 * @return what it must be, to follow "must be", or {@code null} if it is
	 */
	public static @Nullable String jsonProblem(String text, JsonToken kind) {
		return inspect(text, kind, false);
	}

	/**
	 * What keeps {@code text} from being one JSON value of the given kind that PostgreSQL's
	 * {@code jsonb} accepts too, as pyworkflow casts event data: besides not being such JSON, a
	 * NUL character or an unpaired UTF-16 surrogate in a string (Python's {@code json.dumps}
	 * writes both as escapes: valid JSON that {@code jsonb} refuses), NaN or Infinity, or a
	 * number outside PostgreSQL's {@code numeric}.
	 * @param text the JSON text, not {@code null}
	 * @param kind {@link JsonToken#START_OBJECT} or {@link JsonToken#START_ARRAY}
	 * @return what it must be, to follow "must be", or {@code null} if it is
	 */
	public static @Nullable String jsonbProblem(String text, JsonToken kind) {
		return inspect(text, kind, true);
	}

	/**
	 * What keeps {@code text} from being one JSON value of any kind (an object, an array or a
	 * scalar) that PostgreSQL's {@code jsonb} accepts, as {@link #jsonbProblem} tells for objects.
	 * @param text the JSON text, not {@code null}
	 * @return what it must be, to follow "must be", or {@code null} if it is
	 */
	public static @Nullable String jsonbValueProblem(String text) {
		return inspect(text, null, true);
	}

	private static @Nullable String inspect(String text, @Nullable JsonToken kind, boolean asJsonb) {
		String expected = (kind == null) ? "a JSON value" : (kind == JsonToken.START_ARRAY) ? "a JSON array" : "a JSON object";
		try (JsonParser parser = MAPPER.createParser(text)) {
			JsonToken first = parser.nextToken();
			if (first == null || (kind != null && first != kind)) {
				return expected;
			}
			boolean container = first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY;
			String problem = container ? null : scalarProblem(parser, first, expected, asJsonb);
			int depth = container ? 1 : 0;
			while (problem == null && depth > 0) {
				JsonToken token = parser.nextToken();
				if (token == null) {
					return expected;
				}
				switch (token) {
					case START_OBJECT, START_ARRAY -> {
						if (++depth > WorkflowStorage.MAX_JSON_DEPTH) {
							return expected + " nested at most " + WorkflowStorage.MAX_JSON_DEPTH
									+ " levels deep, as Python's json module reads it, but it nests deeper";
						}
					}
					case END_OBJECT, END_ARRAY -> depth--;
					default -> problem = scalarProblem(parser, token, expected, asJsonb);
				}
			}
			if (problem != null) {
				return problem;
			}
			return (parser.nextToken() == null) ? null : expected;
		}
		catch (JacksonException | NumberFormatException ex) {
			return expected;
		}
	}

	private static @Nullable String scalarProblem(JsonParser parser, JsonToken token, String expected,
			boolean asJsonb) {
		if (!asJsonb) {
			return null;
		}
		switch (token) {
			case PROPERTY_NAME, VALUE_STRING -> {
				String problem = textProblem(parser.getString());
				return (problem != null) ? expected + " that PostgreSQL's jsonb can hold, but a string " + problem : null;
			}
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
				return (parser.isNaN() || !fitsNumeric(parser.getDecimalValue()))
						? expected + " that PostgreSQL's jsonb can hold, but the number " + abbreviate(parser.getText())
								+ " is outside PostgreSQL's numeric range"
						: null;
			}
			default -> {
				return null;
			}
		}
	}

	/**
	 * What keeps PostgreSQL's {@code text} (and {@code jsonb}) from holding {@code value} as it
	 * is: a NUL character or an unpaired UTF-16 surrogate.
	 * @param value the text
	 * @return what is wrong, to follow "a string", or {@code null} if nothing is
	 */
	public static @Nullable String textProblem(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\0') {
				return "holds a NUL character (\\u0000)";
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "holds an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
			}
		}
		return null;
	}

	private static boolean fitsNumeric(BigDecimal number) {
		return number.precision() - number.scale() <= MAX_INTEGER_DIGITS && number.scale() <= MAX_FRACTION_DIGITS;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 37) + "...";
	}

	/**
	 * A JSON text as PostgreSQL's {@code jsonb} gives it back: object keys once each (the last
	 * duplicate wins), shorter keys first and keys of one length in byte order, {@code ": "} and
	 * {@code ", "} between, numbers as {@code numeric} prints them, strings escaped as
	 * {@code jsonb} escapes them. The memory store keeps {@code jsonb} columns so, so that every
	 * backend reads back the same text.
	 * @param text a JSON text that {@link #jsonbValueProblem} finds nothing wrong with
	 * @return the text {@code jsonb} gives back
	 */
	public static String jsonb(String text) {
		try (JsonParser parser = MAPPER.createParser(text)) {
			parser.nextToken();
			StringBuilder out = new StringBuilder(text.length() + 16);
			appendJsonb(parser, out);
			return out.toString();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("must be a JSON value", ex);
		}
	}

	// jsonb's order of keys: by length in bytes, then byte by byte.
	private static final Comparator<byte[]> JSONB_KEY_ORDER = Comparator.<byte[]>comparingInt((key) -> key.length)
		.thenComparing(Arrays::compareUnsigned);

	private static void appendJsonb(JsonParser parser, StringBuilder out) {
		switch (parser.currentToken()) {
			case START_OBJECT -> {
				Map<byte[], String> fields = new TreeMap<>(JSONB_KEY_ORDER);
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					parser.nextToken();
					StringBuilder value = new StringBuilder();
					appendJsonb(parser, value);
					fields.put(name.getBytes(StandardCharsets.UTF_8), appendQuoted(new StringBuilder(), name)
						.append(": ")
						.append(value)
						.toString());
				}
				out.append('{').append(String.join(", ", fields.values())).append('}');
			}
			case START_ARRAY -> {
				out.append('[');
				boolean first = true;
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					out.append(first ? "" : ", ");
					appendJsonb(parser, out);
					first = false;
				}
				out.append(']');
			}
			case VALUE_STRING -> appendQuoted(out, parser.getString());
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getDecimalValue().toPlainString());
			default -> out.append(parser.getText());
		}
	}

	// As PostgreSQL's escape_json: two-character escapes, six-character ones below a space, all else as is.
	private static StringBuilder appendQuoted(StringBuilder out, String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < ' ') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"');
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
	 * Reads a JSON array of strings, as pyworkflow reads {@code schedules.running_run_ids}: SQL
	 * NULL and empty text are no strings.
	 * @param text the JSON text
	 * @return the strings
	 * @throws IllegalArgumentException saying what the text must be, if it is anything else
	 */
	public static List<String> stringList(@Nullable String text) {
		List<String> strings = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return strings;
		}
		JsonNode node = read(text, STRING_ARRAY);
		if (!node.isArray()) {
			throw new IllegalArgumentException(STRING_ARRAY);
		}
		for (JsonNode element : node) {
			if (!element.isString()) {
				throw new IllegalArgumentException(STRING_ARRAY);
			}
			strings.add(element.stringValue());
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

	/**
	 * Reads one JSON value as Python's {@code json.loads} does.
	 * @param text the JSON text
	 * @param expected what the text must be, for the exception's message
	 * @return the value
	 * @throws IllegalArgumentException with {@code expected} as its message, if the text is not one
	 * JSON value
	 */
	static JsonNode read(String text, String expected) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(expected, ex);
		}
		if (node.isMissingNode()) {
			throw new IllegalArgumentException(expected);
		}
		return node;
	}

}
