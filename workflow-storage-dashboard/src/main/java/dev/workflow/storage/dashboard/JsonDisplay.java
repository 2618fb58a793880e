package dev.workflow.storage.dashboard;

import java.io.StringWriter;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * Pretty-prints stored JSON for reading, token by token: numbers keep their exact text (no
 * rounding through a double), and Python's {@code NaN} and {@code Infinity}, which
 * pyworkflow's workers may write, are kept as written.
 */
final class JsonDisplay {

	// Past this, a value is shown as stored: indenting it would cost more than reading it helps.
	static final int MAX_PRETTY_PRINTED = 1024 * 1024;

	private static final JsonFactory FACTORY = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNumberLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.maxNestingDepth(Integer.MAX_VALUE)
			.build())
		.build();

	private JsonDisplay() {
	}

	/**
	 * The JSON text indented by two spaces a level.
	 * @param text the stored text
	 * @return the indented text, or {@code null} when the text is not one JSON value (or too
	 * large to indent)
	 */
	static @Nullable String pretty(String text) {
		if (text.length() > MAX_PRETTY_PRINTED) {
			return null;
		}
		StringWriter out = new StringWriter(text.length() + 64);
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text);
				JsonGenerator generator = FACTORY.createGenerator(new Indented(), out)) {
			if (parser.nextToken() == null) {
				return null;
			}
			copy(parser, generator);
			if (parser.nextToken() != null) {
				return null;
			}
		}
		catch (JacksonException ex) {
			return null;
		}
		return out.toString();
	}

	// As Python's json.dumps(value, indent=2) writes it, which pyworkflow's users read every day:
	// "name": value, and [] and {} for empty ones.
	private static final Separators PYTHON_STYLE = Separators.createDefaultInstance()
		.withObjectNameValueSpacing(Separators.Spacing.AFTER)
		.withObjectEmptySeparator("")
		.withArrayEmptySeparator("");

	// Jackson 3 takes a generator's pretty printer from its write context; a new one each time,
	// since a pretty printer keeps the nesting it is at.
	private static final class Indented extends ObjectWriteContext.Base {

		@Override
		public PrettyPrinter getPrettyPrinter() {
			return new DefaultPrettyPrinter(PYTHON_STYLE).withObjectIndenter(new DefaultIndenter("  ", "\n"))
				.withArrayIndenter(new DefaultIndenter("  ", "\n"));
		}

		@Override
		public boolean hasPrettyPrinter() {
			return true;
		}

	}

	// Copies one value starting at the current token, writing numbers from their text.
	private static void copy(JsonParser parser, JsonGenerator generator) {
		int depth = 0;
		do {
			JsonToken token = parser.currentToken();
			switch (token) {
				case START_OBJECT -> {
					generator.writeStartObject();
					depth++;
				}
				case START_ARRAY -> {
					generator.writeStartArray();
					depth++;
				}
				case END_OBJECT -> {
					generator.writeEndObject();
					depth--;
				}
				case END_ARRAY -> {
					generator.writeEndArray();
					depth--;
				}
				case PROPERTY_NAME -> generator.writeName(parser.getString());
				case VALUE_STRING -> generator.writeString(parser.getString());
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getString());
				case VALUE_TRUE -> generator.writeBoolean(true);
				case VALUE_FALSE -> generator.writeBoolean(false);
				case VALUE_NULL -> generator.writeNull();
				default -> throw new IllegalStateException("Unexpected JSON token " + token);
			}
		}
		while (depth > 0 && parser.nextToken() != null);
	}

}
