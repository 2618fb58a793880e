package dev.workflow.storage.support;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The ids of scheduled signals, as pyworkflow makes them: {@code sched_} and 16 random
 * hexadecimal digits (the first 64 bits of a random UUID there).
 *
 * @since 0.3.0
 */
public final class ScheduledSignalIds {

	private static final String PREFIX = "sched_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private ScheduledSignalIds() {
	}

	/**
	 * A new id.
	 * @return {@code sched_} and 16 lower-case hexadecimal digits
	 */
	public static String next() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return PREFIX + HexFormat.of().formatHex(bytes);
	}

}
