package dev.workflow.storage.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Builds the query string of a dashboard link, leaving out empty values, so that filters travel
 * in shareable URLs.
 */
final class QueryString {

	private final StringBuilder query = new StringBuilder();

	/**
	 * Adds a parameter unless its value is null or empty.
	 * @param name the parameter's name
	 * @param value its value
	 * @return this builder
	 */
	QueryString add(String name, @Nullable Object value) {
		if (value == null || value.toString().isEmpty()) {
			return this;
		}
		this.query.append(this.query.isEmpty() ? '?' : '&')
			.append(encode(name))
			.append('=')
			.append(encode(value.toString()));
		return this;
	}

	/**
	 * Adds every value of a repeated parameter.
	 * @param name the parameter's name
	 * @param values its values
	 * @return this builder
	 */
	QueryString addAll(String name, Iterable<String> values) {
		for (String value : values) {
			add(name, value);
		}
		return this;
	}

	/**
	 * The query string, with its leading {@code ?}, or empty when no parameter was added.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.query.toString();
	}

	// A space as %20, not +: every server and client decodes %20 in a query, while + is a space
	// only to form decoders (URLEncoder writes a literal + as %2B, so any + left is a space).
	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
