package dev.workflow.storage.model;

/**
 * Status of a schedule; {@code deleted} is a soft delete.
 *
 * @since 0.1.0
 */
public enum ScheduleStatus implements StoredValue {

	ACTIVE("active"),

	PAUSED("paused"),

	DELETED("deleted");

	private final String value;

	ScheduleStatus(String value) {
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
	public static ScheduleStatus fromValue(String value) {
		return StoredValue.fromValue(ScheduleStatus.class, value);
	}

}
