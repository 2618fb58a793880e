package dev.workflow.storage.model;

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
		for (E constant : type.getEnumConstants()) {
			if (constant.value().equals(value)) {
				return constant;
			}
		}
		StringBuilder valid = new StringBuilder();
		for (E constant : type.getEnumConstants()) {
			valid.append(valid.isEmpty() ? "" : ", ").append(constant.value());
		}
		throw new IllegalArgumentException(
				"Unknown " + type.getSimpleName() + " '" + value + "'; valid values are: " + valid);
	}

}
