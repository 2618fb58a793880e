package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our models in the form the pyworkflow driver describes its own: pyworkflow's field names,
 * ISO timestamps in UTC with microseconds, JSON-valued columns as JSON values and the text
 * columns as the stored text.
 */
final class FixtureJson {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private FixtureJson() {
	}

	static ObjectNode object() {
		return NODES.objectNode();
	}

	static ArrayNode array() {
		return NODES.arrayNode();
	}

	static @Nullable String timestamp(@Nullable Instant instant) {
		return (instant != null) ? TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC)) : null;
	}

	static @Nullable Instant instant(@Nullable JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null
				: OffsetDateTime.parse(node.asString()).toInstant();
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	/**
	 * A JSON column's text as a JSON value; text that does not parse becomes a string saying so,
	 * which then differs from any expected value.
	 * @param json the column's text
	 * @return the value
	 */
	static JsonNode parse(@Nullable String json) {
		if (json == null) {
			return NODES.nullNode();
		}
		try {
			return PyworkflowDriver.JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return NODES.stringNode("<not JSON: " + json + ">");
		}
	}

	static ObjectNode run(WorkflowRun run) {
		ObjectNode node = object();
		node.put("run_id", run.runId());
		node.put("workflow_name", run.workflowName());
		node.put("status", run.status().value());
		node.put("created_at", timestamp(run.createdAt()));
		node.put("updated_at", timestamp(run.updatedAt()));
		node.put("started_at", timestamp(run.startedAt()));
		node.put("completed_at", timestamp(run.completedAt()));
		node.put("input_args", run.inputArgs());
		node.put("input_kwargs", run.inputKwargs());
		node.put("result", run.result());
		node.put("error", run.error());
		node.put("idempotency_key", run.idempotencyKey());
		node.put("max_duration", run.maxDuration());
		node.set("context", parse(run.context()));
		node.put("recovery_attempts", run.recoveryAttempts());
		node.put("max_recovery_attempts", run.maxRecoveryAttempts());
		node.put("recover_on_worker_loss", run.recoverOnWorkerLoss());
		node.put("parent_run_id", run.parentRunId());
		node.put("nesting_depth", run.nestingDepth());
		node.put("continued_from_run_id", run.continuedFromRunId());
		node.put("continued_to_run_id", run.continuedToRunId());
		return node;
	}

	static ObjectNode event(Event event) {
		ObjectNode node = object();
		node.put("event_id", event.eventId());
		node.put("run_id", event.runId());
		node.put("sequence", event.sequence());
		node.put("type", event.type());
		node.put("timestamp", timestamp(event.timestamp()));
		node.set("data", parse(event.data()));
		return node;
	}

	static ObjectNode step(Step step) {
		ObjectNode node = object();
		node.put("step_id", step.stepId());
		node.put("run_id", step.runId());
		node.put("step_name", step.stepName());
		node.put("status", step.status().value());
		node.put("created_at", timestamp(step.createdAt()));
		node.put("started_at", timestamp(step.startedAt()));
		node.put("completed_at", timestamp(step.completedAt()));
		node.put("input_args", step.inputArgs());
		node.put("input_kwargs", step.inputKwargs());
		node.put("result", step.result());
		node.put("error", step.error());
		node.put("attempt", step.attempt());
		return node;
	}

	static ObjectNode hook(Hook hook) {
		ObjectNode node = object();
		node.put("hook_id", hook.hookId());
		node.put("run_id", hook.runId());
		node.put("token", hook.token());
		node.put("created_at", timestamp(hook.createdAt()));
		node.put("received_at", timestamp(hook.receivedAt()));
		node.put("expires_at", timestamp(hook.expiresAt()));
		node.put("status", hook.status().value());
		node.put("payload", hook.payload());
		node.set("metadata", parse(hook.metadata()));
		return node;
	}

	static ObjectNode schedule(Schedule schedule) {
		ObjectNode node = object();
		node.put("schedule_id", schedule.scheduleId());
		node.put("workflow_name", schedule.workflowName());
		node.set("spec", spec(schedule.spec()));
		node.put("status", schedule.status().value());
		node.put("input_args", schedule.inputArgs());
		node.put("input_kwargs", schedule.inputKwargs());
		node.put("overlap_policy", schedule.overlapPolicy().value());
		node.put("next_run_time", timestamp(schedule.nextRunTime()));
		node.put("last_run_time", timestamp(schedule.lastRunTime()));
		ArrayNode running = node.putArray("running_run_ids");
		schedule.runningRunIds().forEach(running::add);
		node.put("created_at", timestamp(schedule.createdAt()));
		node.put("updated_at", timestamp(schedule.updatedAt()));
		node.set("metadata", parse(schedule.metadata()));
		node.put("paused_at", timestamp(schedule.pausedAt()));
		node.put("deleted_at", timestamp(schedule.deletedAt()));
		return node;
	}

	static ObjectNode spec(ScheduleSpec spec) {
		ObjectNode node = object();
		node.put("cron", spec.cron());
		node.put("interval", spec.interval());
		if (spec.calendar() != null && !spec.calendar().isEmpty()) {
			ArrayNode calendar = node.putArray("calendar");
			for (CalendarSpec entry : spec.calendar()) {
				ObjectNode item = calendar.addObject();
				item.put("second", entry.second());
				item.put("minute", entry.minute());
				item.put("hour", entry.hour());
				item.put("day_of_month", entry.dayOfMonth());
				item.put("month", entry.month());
				item.put("day_of_week", entry.dayOfWeek());
			}
		}
		else {
			node.putNull("calendar");
		}
		node.put("timezone", spec.timezone());
		node.put("start_at", timestamp(spec.startAt()));
		node.put("end_at", timestamp(spec.endAt()));
		node.put("jitter", spec.jitter());
		return node;
	}

}
