package dev.workflow.storage.postgres;

/**
 * Brings a database's workflow storage schema up to date, or checks that it is.
 *
 * @since 0.2.0
 */
public interface SchemaMigration {

	/**
	 * Applies every changeset not applied yet.
	 * @throws SchemaMigrationException if the schema cannot be brought up to date
	 */
	void migrate();

	/**
	 * Checks that every changeset is applied, changing nothing.
	 * @throws SchemaMigrationException if one is not
	 */
	void validate();

}
