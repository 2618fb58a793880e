package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A condition on the rows already in a database that a changeset needs, checked before the
 * migration changes anything: a database whose rows break it (as pyworkflow's workers may have
 * written them) stops the migration with a message naming those rows and how to fix them,
 * instead of failing halfway with the server's error.
 *
 * @since 0.1.0
 * @see AdoptionChecks
 */
@FunctionalInterface
public interface AdoptionCheck {

	/**
	 * Checks the rows.
	 * @param connection the migration's connection
	 * @param changelog the changelog about to be applied, for the exception
	 * @throws SchemaMigrationException naming the offending rows and how to fix them
	 * @throws SQLException if reading fails
	 */
	void check(Connection connection, String changelog) throws SQLException;

}
