package dev.workflow.storage.autoconfigure;

/**
 * Thrown at startup when the workflow storage server cannot be reached or refuses the
 * connection; names the server, never the password.
 *
 * @since 0.1.0
 */
public class WorkflowStorageConnectionException extends RuntimeException {

	private final String server;

	public WorkflowStorageConnectionException(String server, Throwable cause) {
		super("Could not connect to the workflow storage database at " + server + ": " + cause.getMessage(), cause);
		this.server = server;
	}

	/**
	 * The server as a JDBC URL without credentials.
	 * @return the server
	 */
	public String getServer() {
		return this.server;
	}

}
