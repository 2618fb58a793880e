package dev.workflow.storage.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Percent-encoding as libpq reads it: {@code %XX} only, so a {@code +} stays a {@code +} (unlike
 * {@link java.net.URLDecoder}). Errors name the part of the DSN, never its text, which may be a
 * password.
 */
final class PercentEncoding {

	private static final String HEX = "0123456789ABCDEF";

	private PercentEncoding() {
	}

	/**
	 * Decodes {@code %XX} sequences as UTF-8.
	 * @param text the encoded text
	 * @param part what the text is, for errors ("the password")
	 * @param error makes the exception to throw from a reason
	 * @return the decoded text
	 */
	static String decode(String text, String part, Function<String, RuntimeException> error) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		int start = 0;
		while (start < text.length()) {
			int percent = text.indexOf('%', start);
			int end = (percent < 0) ? text.length() : percent;
			bytes.writeBytes(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
			if (percent < 0) {
				break;
			}
			int high = (percent + 2 < text.length()) ? Character.digit(text.charAt(percent + 1), 16) : -1;
			int low = (percent + 2 < text.length()) ? Character.digit(text.charAt(percent + 2), 16) : -1;
			if (high < 0 || low < 0) {
				throw error.apply("has a '%' in " + part + " that does not start a percent-encoded byte (%XX); "
						+ "write '%' as %25");
			}
			if (high == 0 && low == 0) {
				throw error.apply("has %00 in " + part + ", which PostgreSQL does not accept");
			}
			bytes.write(high * 16 + low);
			start = percent + 3;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw error.apply("has " + part + " that is not UTF-8 once percent-decoded");
		}
	}

	/**
	 * Encodes every byte but unreserved characters ({@code A-Z a-z 0-9 - . _ ~}), for the
	 * PostgreSQL JDBC driver, which decodes its URL with {@link java.net.URLDecoder} and so would
	 * read a raw {@code +} as a space.
	 * @param text the text
	 * @return the encoded text
	 */
	static String encode(String text) {
		StringBuilder encoded = new StringBuilder(text.length());
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
			}
		}
		return encoded.toString();
	}

}
