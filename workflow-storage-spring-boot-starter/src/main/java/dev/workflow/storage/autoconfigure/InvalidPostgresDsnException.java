package dev.workflow.storage.autoconfigure;

/**
 * Thrown when {@code pyworkflow.postgres.dsn} cannot be read; names the DSN with its password
 * masked, and what is wrong.
 *
 * @since 0.1.0
 */
public class InvalidPostgresDsnException extends IllegalArgumentException {

	private final String property;

	private final String redactedDsn;

	private final String reason;

	/**
	 * An exception.
	 * @param property the property that holds the DSN
	 * @param redactedDsn the DSN with its password masked
	 * @param reason what is wrong, as a predicate ("has a '#' that is not percent-encoded")
	 */
	public InvalidPostgresDsnException(String property, String redactedDsn, String reason) {
		super(property + " (" + redactedDsn + ") " + reason);
		this.property = property;
		this.redactedDsn = redactedDsn;
		this.reason = reason;
	}

	public String getProperty() {
		return this.property;
	}

	public String getRedactedDsn() {
		return this.redactedDsn;
	}

	public String getReason() {
		return this.reason;
	}

}
