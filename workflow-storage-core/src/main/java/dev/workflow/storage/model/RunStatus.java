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

	private static final Set<RunStatus> ENDED = Set.of(COMPLETED, FAILED, CANCELLED, CONTINUED_AS_NEW, INTERRUPTED);

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
	 * Whether a run in this status is over for good, so retention deletes it once it is old, as
	 * pyworkflow's {@code delete_old_runs} does.
	 * @return {@code true} for completed, failed, cancelled, continued as new and interrupted
	 * @since 0.3.0
	 */
	public boolean hasEnded() {
		return ENDED.contains(this);
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
