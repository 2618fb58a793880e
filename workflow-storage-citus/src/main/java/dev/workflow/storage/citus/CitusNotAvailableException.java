package dev.workflow.storage.citus;

/**
 * Thrown when the Citus backend is pointed at a PostgreSQL server without the Citus extension.
 *
 * @since 0.1.0
 */
public class CitusNotAvailableException extends RuntimeException {

	private final String database;

	public CitusNotAvailableException(String database, Throwable cause) {
		super("The database " + database + " has no Citus extension (citus_version() is missing). "
				+ "Install Citus on every node, add 'citus' to shared_preload_libraries, restart, and run "
				+ "CREATE EXTENSION citus in this database on every node; or choose storage type 'postgres'.",
				cause);
		this.database = database;
	}

	/**
	 * The database that lacks Citus, as host, port and name (never credentials).
	 * @return the database
	 */
	public String getDatabase() {
		return this.database;
	}

}
