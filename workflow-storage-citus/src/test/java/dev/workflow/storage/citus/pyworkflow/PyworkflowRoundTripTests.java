package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import dev.workflow.storage.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full fixture, every field of runs, events, steps, hooks, flags and schedules, written by
 * one side and read by the other, on both backends, for each pyworkflow version and each order in
 * which the two sides create the shared tables.
 */
@EnabledIfPyworkflow
class PyworkflowRoundTripTests {

	static Stream<Arguments> backendsVersionsAndOrders() {
		return Stream.of(Backend.values())
			.flatMap((backend) -> Stream.of(PyworkflowVersion.values())
				.flatMap((version) -> CreationOrder.of(version).stream()
					.map((order) -> Arguments.of(backend, version, order))));
	}

	@ParameterizedTest(name = "{0} / {1} / pyworkflow writes, we read / {2}")
	@MethodSource("backendsVersionsAndOrders")
	void pyworkflowWritesWeRead(Backend backend, PyworkflowVersion version, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_read")) {
			JsonNode written;
			if (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
				database.pyworkflowCreatesTables(version);
				written = writePyworkflowFixture(database, version, "py");
				migrateKeepingEverything(database, version);
			}
			else {
				createTables(database, version, order);
				written = writePyworkflowFixture(database, version, "py");
			}
			List<String> mismatches = OurReads.verify(database.storage(), written);
			assertThat(mismatches).as("what our API reads of %s's fixture", version).isEmpty();
			assertSameRunSummaries(database, version);
		}
	}

	@ParameterizedTest(name = "{0} / {1} / we write, pyworkflow reads / {2}")
	@MethodSource("backendsVersionsAndOrders")
	void weWritePyworkflowReads(Backend backend, PyworkflowVersion version, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_write")) {
			JsonNode pyworkflowData = null;
			if (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
				database.pyworkflowCreatesTables(version);
				pyworkflowData = writePyworkflowFixture(database, version, "py");
				migrateKeepingEverything(database, version);
			}
			else {
				createTables(database, version, order);
			}
			Instant base = fixtureBase();
			MutableClock clock = new MutableClock(base.plus(2, ChronoUnit.HOURS));
			JsonNode written = OurFixture.write(database.storage(clock), clock, "java", base);
			assertThat(pyworkflowMismatches(database, version, written)).as("what %s reads of our fixture", version)
				.isEmpty();
			if (pyworkflowData != null) {
				assertThat(pyworkflowMismatches(database, version, pyworkflowData))
					.as("what %s reads of its own data after our migration and writes", version)
					.isEmpty();
			}
			assertSameRunSummaries(database, version);
		}
	}

	private static void assertSameRunSummaries(SharedDatabase database, PyworkflowVersion version) {
		if (version.listsRunSummaries()) {
			assertThat(RunSummaries.mismatches(database, version)).as("our listRunSummaries against %s's list_runs",
					version).isEmpty();
		}
	}

	private static void createTables(SharedDatabase database, PyworkflowVersion version, CreationOrder order) {
		order.createTables(database, version);
		assertOneSequenceIndexAfterPyworkflowRestarts(database, version);
	}

	private static void migrateKeepingEverything(SharedDatabase database, PyworkflowVersion version) {
		TableSnapshot before = TableSnapshot.of(database.jdbc());
		database.migrate();
		before.assertNothingDeletedOrRewritten(database.jdbc());
		assertOneSequenceIndexAfterPyworkflowRestarts(database, version);
	}

	// pyworkflow's connect() runs CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence each time.
	private static void assertOneSequenceIndexAfterPyworkflowRestarts(SharedDatabase database,
			PyworkflowVersion version) {
		database.pyworkflowConnect(version);
		assertThat(database.jdbc().sql("""
				SELECT c.relname || CASE WHEN i.indisunique THEN ' unique' ELSE '' END
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
				WHERE i.indrelid = 'events'::regclass AND pg_get_indexdef(i.indexrelid) LIKE '%(run_id, sequence)'""")
			.query(String.class)
			.list()).as("indexes on events (run_id, sequence)").containsExactly("idx_events_run_id_sequence unique");
	}

	private static JsonNode writePyworkflowFixture(SharedDatabase database, PyworkflowVersion version, String prefix) {
		return version.driver()
			.run("write-fixture", database.driverArguments("prefix", prefix, "base_time",
					FixtureJson.timestamp(fixtureBase())));
	}

	private static List<String> pyworkflowMismatches(SharedDatabase database, PyworkflowVersion version,
			JsonNode expected) {
		JsonNode result = version.driver().run("verify-fixture", database.driverArguments("expected", expected));
		return result.get("mismatches").valueStream().map(JsonNode::toString).toList();
	}

	/**
	 * A day ago, with a microsecond part, so precision loss shows.
	 * @return the time the fixtures' timestamps count from
	 */
	static Instant fixtureBase() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS).plusNanos(123_456_000);
	}

}
