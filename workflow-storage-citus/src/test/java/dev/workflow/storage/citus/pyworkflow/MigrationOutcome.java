package dev.workflow.storage.citus.pyworkflow;

import dev.workflow.storage.postgres.SchemaMigrationException;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What our migrator did with data it cannot take as it is: migrated, or refused with a
 * {@link SchemaMigrationException} that names the rows; never a raw SQL error.
 */
final class MigrationOutcome {

	private final @Nullable SchemaMigrationException refusal;

	private MigrationOutcome(@Nullable SchemaMigrationException refusal) {
		this.refusal = refusal;
	}

	/**
	 * Runs our migrator.
	 * @param database the database
	 * @return the outcome
	 * @throws AssertionError when it throws anything but a {@link SchemaMigrationException}
	 */
	static MigrationOutcome of(SharedDatabase database) {
		try {
			database.migrate();
			return new MigrationOutcome(null);
		}
		catch (SchemaMigrationException ex) {
			return new MigrationOutcome(ex);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("our migrator failed with " + ex.getClass().getName() + " instead of migrating "
					+ "or throwing SchemaMigrationException: " + ex.getMessage(), ex);
		}
	}

	boolean migrated() {
		return this.refusal == null;
	}

	/**
	 * Asserts that the migration succeeded.
	 */
	void assertMigrated() {
		if (this.refusal != null) {
			throw new AssertionError("our migrator refused: " + this.refusal.getMessage(), this.refusal);
		}
	}

	/**
	 * Asserts that a refusal names the offending rows and is not a raw SQL error; nothing when it
	 * migrated.
	 * @param rowDetails texts that identify the rows, such as a run id and a sequence
	 */
	void assertRefusalNames(String... rowDetails) {
		if (this.refusal != null) {
			assertThat(this.refusal.getMessage()).as("SchemaMigrationException message")
				.contains(rowDetails)
				// why: PostgreSQL's own messages start with "ERROR:"; passed through, they name no fix.
				.doesNotContain("ERROR:");
		}
	}

}
