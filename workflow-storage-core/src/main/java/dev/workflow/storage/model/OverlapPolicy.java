package dev.workflow.storage.model;

/**
 * What a schedule does when a new run is due while earlier ones still run.
 *
 * @since 0.1.0
 */
public enum OverlapPolicy implements StoredValue {

	SKIP("skip"),

	BUFFER_ONE("buffer_one"),

	BUFFER_ALL("buffer_all"),

	CANCEL_OTHER("cancel_other"),

	ALLOW_ALL("allow_all");

	private final String value;

	OverlapPolicy(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	/**
	 * The constant stored as {@code value}.
	 * @param value the stored text
	 * @return the constant
	 */
	public static OverlapPolicy fromValue(String value) {
		return StoredValue.fromValue(OverlapPolicy.class, value);
	}

}
