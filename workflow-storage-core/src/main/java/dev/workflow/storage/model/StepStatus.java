package dev.workflow.storage.model;

import java.util.Set;

/**
 * Status of a step execution.
 *
 * @since 0.1.0
 */
public enum StepStatus implements StoredValue {

	PENDING("pending"),

	RUNNING("running"),

	COMPLETED("completed"),

	FAILED("failed"),

	RETRYING("retrying"),

	CANCELLED("cancelled");

	private static final Set<StepStatus> TERMINAL = Set.of(COMPLETED, FAILED, CANCELLED);

	private final String value;

	StepStatus(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	/**
	 * Whether moving a step to this status sets its {@code completed_at}.
	 * @return {@code true} for completed, failed and cancelled
	 */
	public boolean isTerminal() {
		return TERMINAL.contains(this);
	}

	/**
	 * The constant stored as {@code value}.
	 * @param value the stored text
	 * @return the constant
	 */
	public static StepStatus fromValue(String value) {
		return StoredValue.fromValue(StepStatus.class, value);
	}

}
