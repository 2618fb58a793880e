package dev.workflow.storage.model;

/**
 * Status of a stream step's subscription to a stream, as pyworkflow's stream runtime sets it.
 *
 * @since 0.3.0
 */
public enum SubscriptionStatus implements StoredValue {

	/**
	 * Ready for the next signal.
	 */
	WAITING("waiting"),

	/**
	 * Running its lifecycle for a signal.
	 */
	RUNNING("running"),

	/**
	 * Alive but waiting for an outside condition; still receives signals.
	 */
	SUSPENDED("suspended"),

	/**
	 * Done for good; the dispatcher skips it.
	 */
	TERMINATED("terminated"),

	/**
	 * pyworkflow's older name for {@link #TERMINATED}.
	 */
	COMPLETED("completed");

	private final String value;

	SubscriptionStatus(String value) {
		this.value = value;
	}

	@Override
	public String value() {
		return this.value;
	}

	/**
	 * Whether a subscription in this status waits for signals ({@code get_waiting_steps}).
	 * @return {@code true} for {@link #WAITING} and {@link #SUSPENDED}
	 */
	public boolean isWaiting() {
		return this == WAITING || this == SUSPENDED;
	}

	/**
	 * The constant stored as {@code value}.
	 * @param value the stored text
	 * @return the constant
	 */
	public static SubscriptionStatus fromValue(String value) {
		return StoredValue.fromValue(SubscriptionStatus.class, value);
	}

}
