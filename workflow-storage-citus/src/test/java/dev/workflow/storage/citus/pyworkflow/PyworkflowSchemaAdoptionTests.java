package dev.workflow.storage.citus.pyworkflow;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow 45fbe4c's migration runner and ours on one database, in every order a deployment
 * meets them: its workers migrate nothing we created, ours finish what it left half done, and a
 * database it took to schema version 7, data and all, is adopted as it is.
 */
@EnabledIfPyworkflow
class PyworkflowSchemaAdoptionTests {

	private static final PyworkflowVersion NEWER = PyworkflowVersion.V45FBE4C;

	private static final PyworkflowVersion OLDER = PyworkflowVersion.V2AED3E2;

	private static final String TABLE_EXISTS = "SELECT to_regclass(?) IS NOT NULL";

	@ParameterizedTest(name = "{0} / our migrator first, then pyworkflow 45fbe4c connects and migrates / versions 1 to 7 as pyworkflow''s, a restart changes nothing")
	@EnumSource(Backend.class)
	void pyworkflowConnectsToTablesWeCreated(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_ours")) {
			database.migrate();
			assertConnects(database, NEWER);
			assertPyworkflowsSchemaVersions(database, NEWER);
			database.validate();
			assertRestartChangesNothing(database, NEWER);
		}
	}

	@Test
	@DisplayName("postgresql / pyworkflow 45fbe4c first on an empty database, stuck at version 4 / our migrator finishes it, then its workers start")
	void ourMigratorFinishesWhatPyworkflowLeftAtVersion4() {
		try (SharedDatabase database = Backend.POSTGRESQL.newDatabase("pyw_stuck")) {
			// why: 45fbe4c's own bug (see the README next to its tarball): its migrations run before
			// its CREATE TABLE statements, and migration 5 alters stream_subscriptions.
			JsonNode failure = database.pyworkflowConnectOutcome(NEWER);
			assertThat(failure.isNull()).as("45fbe4c's connect() on an empty PostgreSQL database fails").isFalse();
			assertThat(failure.get("error").asString()).isEqualTo("UndefinedTableError");
			assertThat(versions(database)).as("schema versions 45fbe4c left").containsExactly(1, 2, 3, 4);
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			assertPyworkflowsSchemaVersions(database, NEWER);
			for (String table : List.of("stream_subscriptions", "scheduled_signals")) {
				assertThat(database.jdbc().sql(TABLE_EXISTS).param(table).query(Boolean.class).single())
					.as("%s created by our migrator", table)
					.isTrue();
			}
			assertConnects(database, NEWER);
			assertRestartChangesNothing(database, NEWER);
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 first with data, then our migrator, then pyworkflow 45fbe4c / it migrates nothing and reads 2aed3e2''s data")
	@EnumSource(Backend.class)
	void pyworkflowUpgradedAfterOurMigratorAdoptedItsOlderTables(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_upgrade")) {
			database.pyworkflowCreatesTables(OLDER);
			JsonNode olderData = OLDER.driver()
				.run("write-fixture", database.driverArguments("prefix", "old", "base_time",
						FixtureJson.timestamp(PyworkflowRoundTripTests.fixtureBase())));
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			assertPyworkflowsSchemaVersions(database, NEWER);
			TableSnapshot adopted = TableSnapshot.of(database.jdbc());
			assertConnects(database, NEWER);
			adopted.assertUnchanged(database.jdbc(), "pyworkflow 45fbe4c's first connect()");
			JsonNode result = NEWER.driver().run("verify-fixture", database.driverArguments("expected", olderData));
			assertThat(result.get("mismatches").valueStream().map(JsonNode::toString).toList())
				.as("what pyworkflow 45fbe4c reads of 2aed3e2's data")
				.isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c first with data (schema version 7) / adopted as it is, nothing rewritten")
	@EnumSource(Backend.class)
	void databaseAtVersion7WithDataIsAdopted(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_v7")) {
			database.pyworkflowCreatesTables(NEWER);
			String base = FixtureJson.timestamp(PyworkflowRoundTripTests.fixtureBase());
			NEWER.driver().run("write-fixture", database.driverArguments("prefix", "py", "base_time", base));
			NEWER.driver().run("write-streams", database.driverArguments("prefix", "py", "base_time", base));
			List<Map<String, Object>> versionsBefore = database.jdbc()
				.sql("SELECT version, applied_at, description FROM schema_versions ORDER BY version")
				.query()
				.listOfRows();
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			assertThat(database.jdbc()
				.sql("SELECT version, applied_at, description FROM schema_versions ORDER BY version")
				.query()
				.listOfRows()).as("schema_versions after our migrator").isEqualTo(versionsBefore);
			database.validate();
			assertRestartChangesNothing(database, NEWER);
		}
	}

	private static void assertConnects(SharedDatabase database, PyworkflowVersion version) {
		JsonNode failure = database.pyworkflowConnectOutcome(version);
		assertThat(failure.isNull()).as("%s's connect() failed: %s", version, failure).isTrue();
	}

	/**
	 * The version rows are those pyworkflow's migration runner records, with its descriptions, so
	 * its workers see every migration applied.
	 */
	private static void assertPyworkflowsSchemaVersions(SharedDatabase database, PyworkflowVersion version) {
		List<Map<String, Object>> expected = version.driver()
			.run("migrations", Map.of())
			.get("migrations")
			.valueStream()
			.map((migration) -> Map.<String, Object>of("version", migration.get("version").asInt(), "description",
					migration.get("description").asString()))
			.toList();
		assertThat(expected).as("%s's migrations", version).hasSize(version.schemaVersion());
		assertThat(database.schemaVersions()).as("schema_versions").isEqualTo(expected);
	}

	private static void assertRestartChangesNothing(SharedDatabase database, PyworkflowVersion version) {
		TableSnapshot before = TableSnapshot.of(database.jdbc());
		assertConnects(database, version);
		before.assertUnchanged(database.jdbc(), version + "'s connect() again");
	}

	private static List<Integer> versions(SharedDatabase database) {
		return database.jdbc().sql("SELECT version FROM schema_versions ORDER BY version").query(Integer.class).list();
	}

}
