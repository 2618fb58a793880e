package dev.workflow.storage.model;

import java.util.Set;

/**
 * Status of a workflow run.
 *
 * @since 0.1.0
 */
public enum RunStatus implements StoredValue {

	PENDING("pending"),

	RUNNING("running"),

	SUSPENDED("suspended"),

	COMPLETED("completed"),

	FAILED("failed"),

	INTERRUPTED("interrupted"),

	CANCELLED("cancelled"),

	CONTINUED_AS_NEW("continued_as_new");

	private static final Set<RunStatus> TERMINAL = Set.of(COMPLETED, FAILED, CANCELLED);

	private final String value;

	RunStatus(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	/**
	 * Whether moving a run to this status sets its {@code completed_at}.
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
	public static RunStatus fromValue(String value) {
		return StoredValue.fromValue(RunStatus.class, value);
	}

}
