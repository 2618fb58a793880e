package dev.workflow.storage.autoconfigure;

/**
 * Thrown at startup when a {@code pyworkflow.postgres.hikari.*} property names the connection
 * (URL, user, password, driver or data source), which comes from {@code pyworkflow.postgres.*}
 * or the connection details alone. Names the property and where it was set, never its value.
 *
 * @since 0.1.0
 */
public class PoolConnectionPropertyException extends IllegalStateException {

	private final String property;

	private final String origin;

	/**
	 * An exception.
	 * @param property the property, such as {@code pyworkflow.postgres.hikari.password}
	 * @param origin where it was set, such as an environment variable
	 */
	public PoolConnectionPropertyException(String property, String origin) {
		super(property + " (" + origin + ") cannot be set: the workflow storage pool connects with "
				+ "pyworkflow.postgres.* or pyworkflow.postgres.dsn only");
		this.property = property;
		this.origin = origin;
	}

	public String getProperty() {
		return this.property;
	}

	public String getOrigin() {
		return this.origin;
	}

}
