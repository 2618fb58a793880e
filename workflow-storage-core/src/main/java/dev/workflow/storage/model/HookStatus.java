package dev.workflow.storage.model;

/**
 * Status of a hook (a point where a run waits for an outside payload).
 *
 * @since 0.1.0
 */
public enum HookStatus implements StoredValue {

	PENDING("pending"),

	RECEIVED("received"),

	EXPIRED("expired"),

	DISPOSED("disposed");

	private final String value;

	HookStatus(String value) {
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
	public static HookStatus fromValue(String value) {
		return StoredValue.fromValue(HookStatus.class, value);
	}

}
