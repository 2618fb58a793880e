package dev.workflow.storage.model;

/**
 * Which of a schedule spec's forms is set; stored in {@code schedules.spec_type}.
 *
 * @since 0.1.0
 */
public enum ScheduleSpecType implements StoredValue {

	CRON("cron"),

	INTERVAL("interval"),

	CALENDAR("calendar");

	private final String value;

	ScheduleSpecType(String value) {
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
	public static ScheduleSpecType fromValue(String value) {
		return StoredValue.fromValue(ScheduleSpecType.class, value);
	}

}
