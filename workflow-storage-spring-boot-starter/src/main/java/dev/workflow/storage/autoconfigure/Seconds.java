package dev.workflow.storage.autoconfigure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * A duration written as pyworkflow writes it: a plain number is seconds, whole or decimal
 * ({@code 3}, {@code 60.0}, {@code 0.5}, {@code 1e3}); a value with a unit ({@code 500ms},
 * {@code 60s}, {@code 2m}) or ISO-8601 ({@code PT1M}) works too.
 * <p>
 * A type of its own rather than a converter for {@link Duration}, so no other duration of the
 * application changes meaning. Spring's conversion finds {@link #valueOf(String)}, so binding needs
 * no registered converter.
 *
 * @since 0.1.0
 */
public final class Seconds {

	// What Python's float() reads, less inf and nan.
	private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

	private final Duration duration;

	private Seconds(Duration duration) {
		this.duration = duration;
	}

	/**
	 * Reads a duration.
	 * @param text a number of seconds, or a number with a unit, or ISO-8601
	 * @return the duration
	 * @throws IllegalArgumentException when the text is none of these
	 */
	public static Seconds valueOf(String text) {
		String value = text.strip();
		try {
			if (NUMBER.matcher(value).matches()) {
				BigDecimal nanos = new BigDecimal(value).movePointRight(9).setScale(0, RoundingMode.HALF_UP);
				return new Seconds(Duration.ofNanos(nanos.longValueExact()));
			}
			return new Seconds(DurationStyle.detectAndParse(value));
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a duration: write seconds (3, 60.0, 0.5) "
					+ "or a number with a unit (500ms, 60s, 2m)");
		}
	}

	/**
	 * A whole number of seconds.
	 * @param seconds the seconds
	 * @return the duration
	 */
	public static Seconds of(long seconds) {
		return new Seconds(Duration.ofSeconds(seconds));
	}

	/**
	 * Any duration.
	 * @param duration the duration
	 * @return the same duration
	 */
	public static Seconds of(Duration duration) {
		return new Seconds(duration);
	}

	public Duration toDuration() {
		return this.duration;
	}

	/**
	 * The duration in whole seconds, rounded up and at least one: the PostgreSQL driver's timeouts
	 * take whole seconds, and there {@code 0} means no timeout at all.
	 * @return the seconds
	 */
	public int toWholeSecondsAtLeastOne() {
		long seconds = this.duration.toSeconds() + ((this.duration.toNanosPart() > 0) ? 1 : 0);
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, seconds));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Seconds seconds && this.duration.equals(seconds.duration);
	}

	@Override
	public int hashCode() {
		return this.duration.hashCode();
	}

	@Override
	public String toString() {
		return BigDecimal.valueOf(this.duration.toSeconds())
			.add(BigDecimal.valueOf(this.duration.toNanosPart(), 9))
			.stripTrailingZeros()
			.toPlainString() + "s";
	}

}
