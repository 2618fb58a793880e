package dev.workflow.storage.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A value kept in the database as the lower-case text that pyworkflow writes.
 *
 * @since 0.1.0
 */
public interface StoredValue {

	/**
	 * The text stored for this value, as pyworkflow writes it.
	 * @return the stored text
	 */
	String value();

	/**
	 * Finds the constant of an enum whose stored text is {@code value}.
	 * @param <E> the enum type
	 * @param type the enum class
	 * @param value the stored text
	 * @return the matching constant
	 * @throws IllegalArgumentException naming the value and the valid ones when nothing matches
	 */
	static <E extends Enum<E> & StoredValue> E fromValue(Class<E> type, String value) {
		return find(type, value).orElseThrow(() -> new IllegalArgumentException(
				"Unknown " + type.getSimpleName() + " '" + value + "'; valid values are: " + values(type)));
	}

	/**
	 * The constant of an enum whose stored text is {@code value}, if there is one.
	 * @param <E> the enum type
	 * @param type the enum class
	 * @param value the stored text, or {@code null}
	 * @return the matching constant, or empty
	 * @since 0.2.0
	 */
	static <E extends Enum<E> & StoredValue> Optional<E> find(Class<E> type, @Nullable String value) {
		for (E constant : type.getEnumConstants()) {
			if (constant.value().equals(value)) {
				return Optional.of(constant);
			}
		}
		return Optional.empty();
	}

	/**
	 * The stored texts of an enum's constants, for a message.
	 * @param <E> the enum type
	 * @param type the enum class
	 * @return the texts, separated by commas
	 * @since 0.2.0
	 */
	static <E extends Enum<E> & StoredValue> String values(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(StoredValue::value).collect(Collectors.joining(", "));
	}

}
