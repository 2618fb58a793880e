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
 * The tables pyworkflow 45fbe4c added (streams, signals, stream subscriptions, scheduled signals,
 * acknowledgments, checkpoints) and its eight new event types, every field written by one side and
 * read by the other, on both backends, for each order in which the two sides create the tables.
 */
@EnabledIfPyworkflow
class PyworkflowStreamRoundTripTests {

	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V45FBE4C;

	static Stream<Arguments> backendsAndOrders() {
		return Stream.of(Backend.values())
			.flatMap((backend) -> CreationOrder.of(PYWORKFLOW).stream().map((order) -> Arguments.of(backend, order)));
	}

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c / streams and signals: pyworkflow writes, we read / {1}")
	@MethodSource("backendsAndOrders")
	void pyworkflowWritesWeRead(Backend backend, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_sread")) {
			JsonNode written = createTablesAndWrite(database, order);
			assertThat(OurStreamReads.verify(database.storage(), written))
				.as("what our API reads of pyworkflow 45fbe4c's stream fixture")
				.isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c / streams and signals: we write, pyworkflow reads / {1}")
	@MethodSource("backendsAndOrders")
	void weWritePyworkflowReads(Backend backend, CreationOrder order) {
		try (SharedDatabase database = backend.newDatabase("pyw_swrite")) {
			JsonNode pyworkflowData = (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA)
					? createTablesAndWrite(database, order) : null;
			if (pyworkflowData == null) {
				order.createTables(database, PYWORKFLOW);
			}
			Instant base = PyworkflowRoundTripTests.fixtureBase();
			MutableClock clock = new MutableClock(base.plus(2, ChronoUnit.HOURS));
			JsonNode written = OurStreamFixture.write(database.storage(clock), clock, "java", base);
			assertThat(pyworkflowMismatches(database, written)).as("what pyworkflow 45fbe4c reads of our stream fixture")
				.isEmpty();
			if (pyworkflowData != null) {
				assertThat(pyworkflowMismatches(database, pyworkflowData))
					.as("what pyworkflow 45fbe4c reads of its own stream data after our migration and writes")
					.isEmpty();
			}
		}
	}

	/**
	 * Creates the tables in the order given and writes pyworkflow's stream fixture; with data
	 * first, our migrator then adopts the database pyworkflow left at schema version 7, rewriting
	 * nothing, and pyworkflow's workers start again on it.
	 */
	private static JsonNode createTablesAndWrite(SharedDatabase database, CreationOrder order) {
		if (order != CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
			order.createTables(database, PYWORKFLOW);
			return writePyworkflowFixture(database);
		}
		database.pyworkflowCreatesTables(PYWORKFLOW);
		JsonNode written = writePyworkflowFixture(database);
		TableSnapshot before = TableSnapshot.of(database.jdbc());
		MigrationOutcome.of(database).assertMigrated();
		before.assertNothingDeletedOrRewritten(database.jdbc());
		database.pyworkflowConnect(PYWORKFLOW);
		return written;
	}

	// why: a day before our fixture's, so no scheduled signal of ours is due at pyworkflow's
	// "now" and pyworkflow's answers hold after we write too.
	private static JsonNode writePyworkflowFixture(SharedDatabase database) {
		Instant base = PyworkflowRoundTripTests.fixtureBase().minus(1, ChronoUnit.DAYS);
		return PYWORKFLOW.driver()
			.run("write-streams", database.driverArguments("prefix", "py", "base_time", FixtureJson.timestamp(base)));
	}

	private static List<String> pyworkflowMismatches(SharedDatabase database, JsonNode expected) {
		JsonNode result = PYWORKFLOW.driver().run("verify-streams", database.driverArguments("expected", expected));
		return result.get("mismatches").valueStream().map(JsonNode::toString).toList();
	}

}
