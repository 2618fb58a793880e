package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Single operations of pyworkflow's storage API for the driver's {@code apply} command, and
 * running them.
 */
final class PyworkflowOps {

	private PyworkflowOps() {
	}

	static Map<String, Object> createRun(String runId, Instant createdAt, String idempotencyKey) {
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("run_id", runId);
		run.put("workflow_name", "compat");
		run.put("status", "running");
		run.put("created_at", FixtureJson.timestamp(createdAt));
		run.put("idempotency_key", idempotencyKey);
		return Map.of("op", "create_run", "run", run);
	}

	static Map<String, Object> createRun(String runId) {
		return createRun(runId, Instant.now(), null);
	}

	/**
	 * Records an event through pyworkflow's {@code record_event}, which assigns the sequence.
	 * @param eventId the event's id
	 * @param runId the run (or, as pyworkflow's scheduler does, a schedule) id
	 * @param type an event type pyworkflow knows
	 * @param dataJson the data as JSON text; pyworkflow parses it and writes it with its own
	 * {@code json.dumps}
	 * @return the operation
	 */
	static Map<String, Object> recordEvent(String eventId, String runId, String type, String dataJson) {
		return Map.of("op", "record_event", "event", Map.of("event_id", eventId, "run_id", runId, "type", type,
				"timestamp", FixtureJson.timestamp(Instant.now()), "data_json", dataJson));
	}

	static Map<String, Object> createHook(String hookId, String runId, String token, Instant createdAt) {
		return Map.of("op", "create_hook", "hook", Map.of("hook_id", hookId, "run_id", runId, "token", token,
				"created_at", FixtureJson.timestamp(createdAt)));
	}

	static Map<String, Object> getEvents(String runId) {
		return Map.of("op", "get_events", "run_id", runId);
	}

	static Map<String, Object> hasEvent(String runId, String type, Map<String, String> filters) {
		return Map.of("op", "has_event", "run_id", runId, "type", type, "filters", filters);
	}

	/**
	 * Runs operations in one driver process; each outcome is reported, none throws.
	 * @param database the shared database
	 * @param version the pyworkflow version that runs them
	 * @param ops the operations, in order
	 * @return one result per operation: {@code ok} and {@code value}, or {@code error} and {@code message}
	 */
	@SafeVarargs
	static List<JsonNode> apply(SharedDatabase database, PyworkflowVersion version, Map<String, Object>... ops) {
		JsonNode result = version.driver().run("apply", database.driverArguments("ops", List.of(ops)));
		List<JsonNode> results = new ArrayList<>();
		result.get("results").forEach(results::add);
		return results;
	}

	/**
	 * Runs operations that must all succeed.
	 * @param database the shared database
	 * @param version the pyworkflow version that runs them
	 * @param ops the operations, in order
	 * @return their values
	 * @throws AssertionError naming the first that failed
	 */
	@SafeVarargs
	static List<JsonNode> applyOk(SharedDatabase database, PyworkflowVersion version, Map<String, Object>... ops) {
		List<JsonNode> results = apply(database, version, ops);
		for (int i = 0; i < results.size(); i++) {
			if (!results.get(i).get("ok").asBoolean()) {
				throw new AssertionError(version + "'s " + ops[i].get("op") + " failed: " + results.get(i).get("error")
						+ ": " + results.get(i).get("message") + " (operation " + ops[i] + ")");
			}
		}
		return results.stream().map((result) -> result.get("value")).toList();
	}

}
