package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Event rows pyworkflow's engine leaves behind that a stricter schema would refuse, already in the
 * database when our migrator first runs: duplicate sequences, and data that is valid JSON text
 * (as Python's {@code json.dumps} writes it) but not valid PostgreSQL {@code jsonb}.
 */
@EnabledIfPyworkflow
class PyworkflowEventDataMigrationTests {

	private static final String TYPE = "step.completed";

	// why: the events these rows stand for are 2aed3e2's (schema versions 1 and 2); 45fbe4c's
	// record_event writes them the same way.
	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V2AED3E2;

	/**
	 * One event row of the not-jsonb tests: its data, and the step id and other field in it.
	 */
	private record RawEvent(String eventId, String stepId, String otherField, String data) {

		static RawEvent of(String eventId, String stepId, String otherField, String note) {
			return new RawEvent(eventId, stepId, otherField,
					"{\"step_id\": \"" + stepId + "\", " + note + ", \"other_field\": \"" + otherField + "\"}");
		}

	}

	// JSON text escapes as json.dumps writes a NUL character and a lone surrogate, and a number
	// beyond numeric's range: valid JSON, invalid jsonb.
	private static final List<RawEvent> NOT_JSONB = List.of(
			RawEvent.of("evt-nul", "step-nul", "value-nul", "\"note\": \"a\\u0000b\""),
			RawEvent.of("evt-surrogate", "step-surrogate", "value-surrogate", "\"note\": \"\\ud800\""),
			RawEvent.of("evt-huge", "step-huge", "value-huge", "\"n\": 1e999999"));

	private static final RawEvent PLAIN = RawEvent.of("evt-plain", "step-plain", "value-plain", "\"note\": \"plain\"");

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 first with data / two events of a run with one sequence")
	@EnumSource(Backend.class)
	void duplicateSequencesAreKeptAndNamedIfRefused(Backend backend) {
		String runId = "run-with-duplicate-sequences";
		try (SharedDatabase database = backend.newDatabase("pyw_dupseq")) {
			database.pyworkflowConnect(PYWORKFLOW);
			List<Map<String, Object>> ops = new ArrayList<>(List.of(PyworkflowOps.createRun(runId)));
			for (int i = 0; i <= 41; i++) {
				ops.add(PyworkflowOps.recordEvent("evt-" + i, runId, TYPE, "{\"step_id\": \"step-" + i + "\"}"));
			}
			PyworkflowOps.applyOk(database, PYWORKFLOW, ops.toArray(Map[]::new));
			// why: record_event reads MAX(sequence) and inserts; without a unique index two racing
			// pyworkflow workers write exactly this.
			insertEvent(database, "evt-41-again", runId, 41, "{\"step_id\": \"step-41-again\"}", "step-41-again");
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome outcome = MigrationOutcome.of(database);
			before.assertNothingDeletedOrRewritten(database.jdbc());
			outcome.assertRefusalNames(runId, "41");
			if (outcome.migrated()) {
				assertThat(database.storage().getEvents(runId)).hasSize(43);
			}
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 first with data / event data that is JSON but not jsonb")
	@EnumSource(Backend.class)
	void eventDataThatIsNotJsonbIsKeptAndQueried(Backend backend) {
		String runId = "run-with-raw-json";
		try (SharedDatabase database = backend.newDatabase("pyw_json")) {
			database.pyworkflowConnect(PYWORKFLOW);
			PyworkflowOps.applyOk(database, PYWORKFLOW, PyworkflowOps.createRun(runId),
					recordEvent(NOT_JSONB.get(0), runId), recordEvent(NOT_JSONB.get(1), runId));
			// why: json.dumps never writes this number; plain SQL can, and jsonb refuses it.
			RawEvent huge = NOT_JSONB.get(2);
			insertEvent(database, huge.eventId(), runId, 2, huge.data(), huge.stepId());
			PyworkflowOps.applyOk(database, PYWORKFLOW, recordEvent(PLAIN, runId));
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			assertReadAndQueriedBothWays(database, runId);
		}
	}

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 at schema version 1 with data / step_id backfill of event data that is not jsonb")
	@EnumSource(Backend.class)
	void stepIdBackfillCopesWithDataThatIsNotJsonb(Backend backend) {
		String runId = "run-from-schema-v1";
		try (SharedDatabase database = backend.newDatabase("pyw_v1")) {
			database.pyworkflowConnect(PYWORKFLOW);
			// pyworkflow's tables as before its schema version 2: no events.step_id, no version row 2.
			execute(database, "DROP INDEX IF EXISTS idx_events_run_id_step_id_type");
			execute(database, "ALTER TABLE events DROP COLUMN step_id");
			execute(database, "DELETE FROM schema_versions WHERE version = 2");
			database.jdbc().sql("""
					INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at)
					VALUES (?, 'legacy', 'running', now(), now())""").param(runId).update();
			int sequence = 0;
			for (RawEvent event : eventsInOrder()) {
				database.jdbc().sql("""
						INSERT INTO events (event_id, run_id, sequence, type, timestamp, data)
						VALUES (?, ?, ?, ?, now(), ?)""").params(event.eventId(), runId, sequence++, TYPE, event.data())
					.update();
			}
			TableSnapshot before = TableSnapshot.of(database.jdbc());
			MigrationOutcome.of(database).assertMigrated();
			before.assertNothingDeletedOrRewritten(database.jdbc());
			assertThat(database.jdbc().sql("SELECT version FROM schema_versions ORDER BY version").query(Integer.class)
				.list()).as("pyworkflow's schema versions after our migration").contains(1, 2);
			// pyworkflow's workers start on the migrated database: its own version 2 must not run again.
			database.pyworkflowConnect(PYWORKFLOW);
			assertReadAndQueriedBothWays(database, runId);
		}
	}

	/**
	 * Our getEvents returns every row unchanged, hasEvent matches on step_id and on another field,
	 * our own recordEvent refuses such data naming {@code data}, and pyworkflow still reads it all.
	 */
	private static void assertReadAndQueriedBothWays(SharedDatabase database, String runId) {
		WorkflowStorage storage = database.storage();
		Map<String, String> stored = new LinkedHashMap<>();
		database.jdbc().sql("SELECT event_id, data FROM events WHERE run_id = ? ORDER BY sequence").param(runId)
			.query((row, n) -> stored.put(row.getString(1), row.getString(2))).list();
		SoftAssertions softly = new SoftAssertions();
		List<Event> events = List.of();
		try {
			events = storage.getEvents(runId);
		}
		catch (RuntimeException ex) {
			softly.fail("getEvents(" + runId + ") threw " + ex);
		}
		softly.assertThat(events).extracting(Event::eventId).as("getEvents(%s) ids", runId)
			.containsExactlyElementsOf(stored.keySet());
		for (Event event : events) {
			softly.assertThat(sameJson(event.data(), stored.get(event.eventId())))
				.as("data of %s read by getEvents: %s, stored: %s", event.eventId(), event.data(), stored.get(event.eventId()))
				.isTrue();
		}
		for (RawEvent event : eventsInOrder()) {
			hasEvent(softly, storage, runId, Map.of("step_id", event.stepId()), true);
			hasEvent(softly, storage, runId, Map.of("other_field", event.otherField()), true);
			hasEvent(softly, storage, runId, Map.of("step_id", event.stepId(), "other_field", event.otherField()), true);
		}
		hasEvent(softly, storage, runId, Map.of("step_id", "step-none"), false);
		hasEvent(softly, storage, runId, Map.of("other_field", "value-none"), false);
		List<Map<String, Object>> reads = new ArrayList<>(List.of(PyworkflowOps.getEvents(runId)));
		eventsInOrder().forEach((event) -> reads.add(PyworkflowOps.hasEvent(runId, TYPE, Map.of("step_id", event.stepId()))));
		List<JsonNode> results = PyworkflowOps.apply(database, PYWORKFLOW, reads.toArray(Map[]::new));
		softly.assertThat(results.get(0).toString()).as("pyworkflow's get_events(%s)", runId).contains("\"ok\":true");
		for (int i = 1; i < results.size(); i++) {
			softly.assertThat(results.get(i).toString()).as("pyworkflow's %s", reads.get(i))
				.isEqualTo("{\"ok\":true,\"value\":true}");
		}
		// Last, as a wrongly accepted event would join the rows read above.
		for (RawEvent event : NOT_JSONB) {
			Throwable thrown = catchThrowable(() -> storage
				.recordEvent(Event.of("ours-" + event.eventId(), runId, TYPE, Instant.now(), event.data())));
			softly.assertThat(thrown)
				.as("exception of our recordEvent with data like %s (null: it was recorded)", event.eventId())
				.isInstanceOf(InvalidInputException.class);
			if (thrown != null) {
				softly.assertThat(thrown.getMessage()).as("message of our recordEvent's refusal").contains("data");
			}
		}
		softly.assertAll();
	}

	private static void hasEvent(SoftAssertions softly, WorkflowStorage storage, String runId,
			Map<String, String> filters, boolean expected) {
		softly.assertThat(safely(() -> String.valueOf(storage.hasEvent(runId, TYPE, filters))))
			.as("hasEvent(%s, %s, %s)", runId, TYPE, filters)
			.isEqualTo(String.valueOf(expected));
	}

	private static List<RawEvent> eventsInOrder() {
		List<RawEvent> events = new ArrayList<>(NOT_JSONB);
		events.add(PLAIN);
		return events;
	}

	private static Map<String, Object> recordEvent(RawEvent event, String runId) {
		return PyworkflowOps.recordEvent(event.eventId(), runId, TYPE, event.data());
	}

	/**
	 * Whether data read back is the stored text, or the same JSON value.
	 */
	private static boolean sameJson(String read, String stored) {
		if (read.equals(stored)) {
			return true;
		}
		JsonNode readNode = FixtureJson.parse(read);
		JsonNode storedNode = FixtureJson.parse(stored);
		return !readNode.isString() && Mismatches.same("", storedNode, readNode);
	}

	private static String safely(Supplier<String> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return "threw " + ex;
		}
	}

	private static void insertEvent(SharedDatabase database, String eventId, String runId, int sequence, String data,
			String stepId) {
		database.jdbc().sql("""
				INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
				VALUES (?, ?, ?, ?, now(), ?, ?)""").params(eventId, runId, sequence, TYPE, data, stepId).update();
	}

	private static void execute(SharedDatabase database, String sql) {
		database.jdbc().sql(sql).update();
	}

}
