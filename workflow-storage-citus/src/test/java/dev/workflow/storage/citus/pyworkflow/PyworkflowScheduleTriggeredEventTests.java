package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.model.Event;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow's scheduler records {@code schedule.triggered} under the SCHEDULE's id, for which no
 * run exists (pyworkflow/celery/tasks.py, primitives/schedule.py); its storage tests never do.
 */
@EnabledIfPyworkflow
class PyworkflowScheduleTriggeredEventTests {

	private static final String SCHEDULE_ID = "sched-nightly";

	@ParameterizedTest(name = "citus / {0} / schedule.triggered event under a schedule id")
	@EnumSource(CreationOrder.class)
	void pyworkflowRecordsItAndWeReadItOnCitus(CreationOrder order) {
		try (SharedDatabase database = Backend.CITUS.newDatabase("pyw_sched")) {
			List<String> eventIds = new ArrayList<>();
			switch (order) {
				case OURS_FIRST -> {
					database.migrate();
					database.pyworkflowConnect();
				}
				case PYWORKFLOW_FIRST -> {
					database.pyworkflowConnect();
					database.migrate();
				}
				case PYWORKFLOW_FIRST_WITH_DATA -> {
					database.pyworkflowConnect();
					PyworkflowOps.applyOk(database, triggered("evt-triggered-before"));
					eventIds.add("evt-triggered-before");
					TableSnapshot before = TableSnapshot.of(database.jdbc());
					MigrationOutcome.of(database).assertMigrated();
					before.assertNothingDeletedOrRewritten(database.jdbc());
				}
			}
			List<JsonNode> after = PyworkflowOps.apply(database, triggered("evt-triggered-after"));
			assertThat(after.get(0).get("ok").asBoolean())
				.as("pyworkflow records schedule.triggered under a schedule id after our migration: %s", after.get(0))
				.isTrue();
			eventIds.add("evt-triggered-after");
			List<Event> events = database.storage().getEvents(SCHEDULE_ID);
			assertThat(events).extracting(Event::eventId).containsExactlyElementsOf(eventIds);
			assertThat(events).extracting(Event::type).containsOnly("schedule.triggered");
			assertThat(events).allSatisfy((event) -> assertThat(FixtureJson.parse(event.data()).get("schedule_id").asString())
				.isEqualTo(SCHEDULE_ID));
		}
	}

	@Test
	@DisplayName("postgresql / pyworkflow first / schedule.triggered event under a schedule id is refused by pyworkflow's own schema")
	void pyworkflowsOwnForeignKeyRefusesItOnPostgresql() {
		// why: pyworkflow's PostgreSQL events table references workflow_runs, so there its engine's
		// schedule.triggered event fails already; no such rows can exist for us to keep.
		try (SharedDatabase database = Backend.POSTGRESQL.newDatabase("pyw_sched")) {
			database.pyworkflowConnect();
			JsonNode result = PyworkflowOps.apply(database, triggered("evt-triggered")).get(0);
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
