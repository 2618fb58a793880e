package dev.workflow.storage.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * A stored value as a page shows it: JSON indented, anything longer than
 * {@value #MAX_SHOWN_CHARACTERS} characters cut, with a link to the whole value as plain text.
 * Shown as text only (never markup), whatever a worker wrote.
 *
 * @param text what the page shows
 * @param truncated whether {@code text} is only the beginning of the value
 * @param length the whole value's length in characters
 * @param rawHref where the whole value is served as plain text
 * @param json whether the value is JSON (and {@code text} indented)
 */
record ShownValue(String text, boolean truncated, int length, String rawHref, boolean json) {

	/**
	 * The most characters a page shows of one value (16 KiB of ASCII).
	 */
	static final int MAX_SHOWN_CHARACTERS = 16 * 1024;

	/**
	 * A JSON value: indented when it parses, else shown as stored.
	 * @param stored the stored text
	 * @param rawHref where the whole value is served
	 * @return the shown value
	 */
	static ShownValue json(String stored, String rawHref) {
		String pretty = JsonDisplay.pretty(stored);
		return cut((pretty != null) ? pretty : stored, rawHref, pretty != null);
	}

	/**
	 * A text value, shown as stored.
	 * @param stored the stored text
	 * @param rawHref where the whole value is served
	 * @return the shown value
	 */
	static ShownValue text(String stored, String rawHref) {
		return cut(stored, rawHref, false);
	}

	static @Nullable ShownValue jsonOrNull(@Nullable String stored, String rawHref) {
		return (stored != null) ? json(stored, rawHref) : null;
	}

	static @Nullable ShownValue textOrNull(@Nullable String stored, String rawHref) {
		return (stored != null) ? text(stored, rawHref) : null;
	}

	private static ShownValue cut(String text, String rawHref, boolean json) {
		if (text.length() <= MAX_SHOWN_CHARACTERS) {
			return new ShownValue(text, false, text.length(), rawHref, json);
		}
		int end = MAX_SHOWN_CHARACTERS;
		// Never split a surrogate pair: half a character is no text.
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return new ShownValue(text.substring(0, end), true, text.length(), rawHref, json);
	}

}
