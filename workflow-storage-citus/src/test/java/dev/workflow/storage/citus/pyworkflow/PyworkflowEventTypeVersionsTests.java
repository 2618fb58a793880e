package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which event types our storage records, per pyworkflow version of the workers that read the runs:
 * a 2aed3e2 worker fails its {@code get_events} on a run holding a type its enum lacks (one of the
 * eight 45fbe4c added), so a deployment with such workers records with
 * {@link EventTypes#pyworkflow2aed3e2()}; the default is 45fbe4c's types.
 */
@EnabledIfPyworkflow
class PyworkflowEventTypeVersionsTests {

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 / a run we write with EventTypes.pyworkflow2aed3e2() is read by its workers")
	@EnumSource(Backend.class)
	void olderWorkersReadRunsWrittenWithTheirPolicy(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_types_old")) {
			CreationOrder.OURS_FIRST.createTables(database, PyworkflowVersion.V2AED3E2);
			WorkflowStorage storage = database.storage(EventTypes.pyworkflow2aed3e2());
			List<String> eventIds = recordOneOfEach(storage, "run-old-types", EventTypes.PYWORKFLOW_2AED3E2);
			Throwable refused = catchThrowable(() -> storage
				.recordEvent(Event.of("evt-new-type", "run-old-types", "step.suspended", Instant.now(), "{}")));
			assertThat(refused).as("a 45fbe4c type recorded under the 2aed3e2 policy (null: it was recorded)")
				.isInstanceOf(InvalidInputException.class);
			assertThat(pyworkflowEventIds(database, PyworkflowVersion.V2AED3E2, "run-old-types"))
				.as("event ids pyworkflow 2aed3e2's get_events reads")
				.isEqualTo(eventIds);
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c / a run we write with the default policy, the eight new types in it, is read by its workers and not by 2aed3e2''s")
	@EnumSource(Backend.class)
	void newerWorkersReadRunsWithTheNewTypes(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_types_new")) {
			CreationOrder.OURS_FIRST.createTables(database, PyworkflowVersion.V45FBE4C);
			WorkflowStorage storage = database.storage();
			List<String> eventIds = recordOneOfEach(storage, "run-new-types", EventTypes.PYWORKFLOW);
			assertThat(eventIds).hasSize(EventTypes.PYWORKFLOW_2AED3E2.size() + 8);
			assertThat(pyworkflowEventIds(database, PyworkflowVersion.V45FBE4C, "run-new-types"))
				.as("event ids pyworkflow 45fbe4c's get_events reads")
				.isEqualTo(eventIds);
			JsonNode older = PyworkflowOps.apply(database, PyworkflowVersion.V2AED3E2, PyworkflowOps.getEvents("run-new-types"))
				.get(0);
			assertThat(older.get("ok").asBoolean()).as("pyworkflow 2aed3e2 reads a run holding 45fbe4c's types: %s", older)
				.isFalse();
			assertThat(older.get("error").asString()).isEqualTo("ValueError");
		}
	}

	// One event of each type, in type order, each with data its type's events carry in pyworkflow.
	private static List<String> recordOneOfEach(WorkflowStorage storage, String runId, Set<String> types) {
		storage.createRun(WorkflowRun.builder(runId, "typed").build());
		return new TreeSet<>(types).stream().map((type) -> {
			String eventId = "evt-" + type;
			storage.recordEvent(Event.of(eventId, runId, type, Instant.now(),
					"{\"step_id\": \"step-1\", \"stream_id\": \"stream-1\", \"note\": \"" + type + "\"}"));
			return eventId;
		}).toList();
	}

	private static List<String> pyworkflowEventIds(SharedDatabase database, PyworkflowVersion version, String runId) {
		JsonNode events = PyworkflowOps.applyOk(database, version, PyworkflowOps.getEvents(runId)).get(0);
		return events.valueStream().map((event) -> FixtureJson.text(event, "event_id")).toList();
	}

}
