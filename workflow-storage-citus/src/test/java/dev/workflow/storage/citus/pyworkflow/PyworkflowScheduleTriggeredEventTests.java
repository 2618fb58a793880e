package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.workflow.storage.model.Event;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow's scheduler records {@code schedule.triggered} under the SCHEDULE's id, for which no
 * run exists (pyworkflow/celery/tasks.py, primitives/schedule.py); its storage tests never do.
 */
@EnabledIfPyworkflow
class PyworkflowScheduleTriggeredEventTests {

	private static final String SCHEDULE_ID = "sched-nightly";

	static Stream<Arguments> versionsAndOrders() {
		return Stream.of(PyworkflowVersion.values())
			.flatMap((version) -> CreationOrder.of(version).stream().map((order) -> Arguments.of(version, order)));
	}

	@ParameterizedTest(name = "citus / {0} / {1} / schedule.triggered event under a schedule id")
	@MethodSource("versionsAndOrders")
	void pyworkflowRecordsItAndWeReadItOnCitus(PyworkflowVersion version, CreationOrder order) {
		try (SharedDatabase database = Backend.CITUS.newDatabase("pyw_sched")) {
			List<String> eventIds = new ArrayList<>();
			if (order == CreationOrder.PYWORKFLOW_FIRST_WITH_DATA) {
				database.pyworkflowCreatesTables(version);
				PyworkflowOps.applyOk(database, version, triggered("evt-triggered-before"));
				eventIds.add("evt-triggered-before");
				TableSnapshot before = TableSnapshot.of(database.jdbc());
				MigrationOutcome.of(database).assertMigrated();
				before.assertNothingDeletedOrRewritten(database.jdbc());
			}
			else {
				order.createTables(database, version);
			}
			List<JsonNode> after = PyworkflowOps.apply(database, version, triggered("evt-triggered-after"));
			assertThat(after.get(0).get("ok").asBoolean())
				.as("%s records schedule.triggered under a schedule id after our migration: %s", version, after.get(0))
				.isTrue();
			eventIds.add("evt-triggered-after");
			List<Event> events = database.storage().getEvents(SCHEDULE_ID);
			assertThat(events).extracting(Event::eventId).containsExactlyElementsOf(eventIds);
			assertThat(events).extracting(Event::type).containsOnly("schedule.triggered");
			assertThat(events).allSatisfy((event) -> assertThat(FixtureJson.parse(event.data()).get("schedule_id").asString())
				.isEqualTo(SCHEDULE_ID));
		}
	}

	@ParameterizedTest(name = "postgresql / {0} first / schedule.triggered event under a schedule id is refused by pyworkflow''s own schema")
	@EnumSource(PyworkflowVersion.class)
	void pyworkflowsOwnForeignKeyRefusesItOnPostgresql(PyworkflowVersion version) {
		// why: pyworkflow's PostgreSQL events table references workflow_runs, so there its engine's
		// schedule.triggered event fails already; no such rows can exist for us to keep.
		try (SharedDatabase database = Backend.POSTGRESQL.newDatabase("pyw_sched")) {
			database.pyworkflowCreatesTables(version);
			JsonNode result = PyworkflowOps.apply(database, version, triggered("evt-triggered")).get(0);
			assertThat(result.get("ok").asBoolean()).isFalse();
			assertThat(result.get("error").asString()).isEqualTo("ForeignKeyViolationError");
		}
	}

	private static java.util.Map<String, Object> triggered(String eventId) {
		String now = FixtureJson.timestamp(Instant.now());
		return PyworkflowOps.recordEvent(eventId, SCHEDULE_ID, "schedule.triggered", """
				{"schedule_id": "%s", "scheduled_time": "%s", "actual_time": "%s", "workflow_run_id": "run-%s"}"""
			.formatted(SCHEDULE_ID, now, now, eventId));
	}

}
