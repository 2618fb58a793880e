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
 * one side and read by the other, on both backends, for each order in which the two sides create
 * the shared tables.
 */
@EnabledIfPyworkflow
class PyworkflowRoundTripTests {

	static Stream<Arguments> backendsAndOrders() {
		return Stream.of(Backend.values())
			.flatMap((backend) -> Stream.of(CreationOrder.values()).map((order) -> Arguments.of(backend, order)));
	}

	@ParameterizedTest(name = "{0} / pyworkflow writes, we read / {1}")
	@MethodSource("backendsAndOrders")
	void pyworkflowWritesWeRead(Backend backend, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_read")) {
			JsonNode written;
			if (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
				database.pyworkflowConnect();
				written = writePyworkflowFixture(database, "py");
				migrateKeepingEverything(database);
			}
			else {
				createTables(database, order);
				written = writePyworkflowFixture(database, "py");
			}
			List<String> mismatches = OurReads.verify(database.storage(), written);
			assertThat(mismatches).as("what our API reads of pyworkflow's fixture").isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} / we write, pyworkflow reads / {1}")
	@MethodSource("backendsAndOrders")
	void weWritePyworkflowReads(Backend backend, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_write")) {
			JsonNode pyworkflowData = null;
			if (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
				database.pyworkflowConnect();
				pyworkflowData = writePyworkflowFixture(database, "py");
				migrateKeepingEverything(database);
			}
			else {
				createTables(database, order);
			}
			Instant base = fixtureBase();
			MutableClock clock = new MutableClock(base.plus(2, ChronoUnit.HOURS));
			JsonNode written = OurFixture.write(database.storage(clock), clock, "java", base);
			assertThat(pyworkflowMismatches(database, written)).as("what pyworkflow reads of our fixture").isEmpty();
			if (pyworkflowData != null) {
				assertThat(pyworkflowMismatches(database, pyworkflowData))
					.as("what pyworkflow reads of its own data after our migration and writes")
					.isEmpty();
			}
		}
	}

	private static void createTables(SharedDatabase database, CreationOrder order) {
		if (order == CreationOrder.OURS_FIRST) {
			database.migrate();
			database.pyworkflowConnect();
		}
		else {
			database.pyworkflowConnect();
			database.migrate();
		}
		assertOneSequenceIndexAfterPyworkflowRestarts(database);
	}

	private static void migrateKeepingEverything(SharedDatabase database) {
		TableSnapshot before = TableSnapshot.of(database.jdbc());
		database.migrate();
		before.assertNothingDeletedOrRewritten(database.jdbc());
		assertOneSequenceIndexAfterPyworkflowRestarts(database);
	}

	// pyworkflow's connect() runs CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence each time.
	private static void assertOneSequenceIndexAfterPyworkflowRestarts(SharedDatabase database) {
		database.pyworkflowConnect();
		assertThat(database.jdbc().sql("""
				SELECT c.relname || CASE WHEN i.indisunique THEN ' unique' ELSE '' END
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
				WHERE i.indrelid = 'events'::regclass AND pg_get_indexdef(i.indexrelid) LIKE '%(run_id, sequence)'""")
			.query(String.class)
			.list()).as("indexes on events (run_id, sequence)").containsExactly("idx_events_run_id_sequence unique");
	}

	private static JsonNode writePyworkflowFixture(SharedDatabase database, String prefix) {
		return PyworkflowDriver.get()
			.run("write-fixture", database.driverArguments("prefix", prefix, "base_time",
					FixtureJson.timestamp(fixtureBase())));
	}

	private static List<String> pyworkflowMismatches(SharedDatabase database, JsonNode expected) {
		JsonNode result = PyworkflowDriver.get().run("verify-fixture", database.driverArguments("expected", expected));
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
