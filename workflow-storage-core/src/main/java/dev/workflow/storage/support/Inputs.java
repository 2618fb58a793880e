package dev.workflow.storage.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonToken;

/**
 * Checks every argument of a {@link WorkflowStorage} operation before anything is written, so
 * every backend rejects the same input with the same {@link InvalidInputException}, naming the
 * operation and the offending value. PostgreSQL would reject some of it (NUL characters, index
 * entries that are too long, instants outside its range) with a vague driver error or keep it
 * altered (unpaired surrogates, years BC), and the memory store would accept it. The limits are
 * {@link WorkflowStorage}'s.
 *
 * @since 0.1.0
 */
public final class Inputs {

	private Inputs() {
	}

	/**
	 * Requires an id: not null, not blank, text PostgreSQL can store, at most
	 * {@value WorkflowStorage#MAX_ID_BYTES} bytes in UTF-8.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static String id(Operation operation, String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(operation,
					name + " must not be " + ((value == null) ? "null" : "blank, got " + WorkflowStorageException.quote(value)));
		}
		text(operation, name, value);
		return indexable(operation, name, value);
	}

	// PostgreSQL's btree index entries have a size limit: see WorkflowStorage.MAX_ID_BYTES.
	private static String indexable(Operation operation, String name, String value) {
		int bytes = utf8Length(value);
		if (bytes > WorkflowStorage.MAX_ID_BYTES) {
			throw new InvalidInputException(operation, name + " must be at most " + WorkflowStorage.MAX_ID_BYTES
					+ " bytes in UTF-8 to fit PostgreSQL's indexes, got " + bytes + " bytes: "
					+ WorkflowStorageException.quote(value));
		}
		return value;
	}

	// Of text checked by text(): every surrogate is half of a pair, 4 bytes in all.
	private static int utf8Length(String value) {
		int bytes = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

	/**
	 * Requires an optional instant from {@link WorkflowStorage#EARLIEST_INSTANT} to
	 * {@link WorkflowStorage#LATEST_INSTANT} (the years Python's {@code datetime} holds), or
	 * {@link WorkflowStorage#INFINITY} or {@link WorkflowStorage#NEGATIVE_INFINITY}.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value, or {@code null}
	 * @return the value
	 */
	public static @Nullable Instant instant(Operation operation, String name, @Nullable Instant value) {
		if (value != null && (value.isBefore(WorkflowStorage.EARLIEST_INSTANT)
				|| value.isAfter(WorkflowStorage.LATEST_INSTANT)) && !value.equals(WorkflowStorage.INFINITY)
				&& !value.equals(WorkflowStorage.NEGATIVE_INFINITY)) {
			throw new InvalidInputException(operation, name + " must be from " + WorkflowStorage.EARLIEST_INSTANT
					+ " to " + WorkflowStorage.LATEST_INSTANT
					+ ", the years 1 to 9999 that pyworkflow's Python datetime holds, got " + value);
		}
		return value;
	}

	/**
	 * Requires an optional instant from {@link WorkflowStorage#EARLIEST_INSTANT} to
	 * {@link WorkflowStorage#LATEST_INSTANT}, without the infinities a {@code TIMESTAMPTZ} column
	 * holds: for instants written into JSON text as Python's {@code datetime.isoformat()}, which
	 * has no infinity.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value, or {@code null}
	 * @return the value
	 */
	public static @Nullable Instant finiteInstant(Operation operation, String name, @Nullable Instant value) {
		if (value != null && (value.isBefore(WorkflowStorage.EARLIEST_INSTANT)
				|| value.isAfter(WorkflowStorage.LATEST_INSTANT))) {
			throw new InvalidInputException(operation, name + " must be from " + WorkflowStorage.EARLIEST_INSTANT
					+ " to " + WorkflowStorage.LATEST_INSTANT + ", the years 1 to 9999 that pyworkflow's Python "
					+ "datetime holds (the spec keeps it as datetime.isoformat() text, which has no infinity), got "
					+ value);
		}
		return value;
	}

	/**
	 * Requires optional text that PostgreSQL can store as it is: no NUL character and no unpaired
	 * UTF-16 surrogate (the driver would store a {@code ?} in its place).
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value, or {@code null}
	 * @return the value
	 */
	public static @Nullable String text(Operation operation, String name, @Nullable String value) {
		String problem = (value != null) ? JsonText.textProblem(value) : null;
		if (problem != null) {
			throw new InvalidInputException(operation, name + " must not contain " + problem.substring("holds ".length())
					+ ", which PostgreSQL cannot store, got " + WorkflowStorageException.quote(value));
		}
		return value;
	}

	/**
	 * Requires a JSON object text.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static String jsonObject(Operation operation, String name, @Nullable String value) {
		return json(operation, name, value, JsonToken.START_OBJECT, false);
	}

	/**
	 * Requires a JSON array text.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static String jsonArray(Operation operation, String name, @Nullable String value) {
		return json(operation, name, value, JsonToken.START_ARRAY, false);
	}

	/**
	 * Requires a JSON object text that PostgreSQL's {@code jsonb} accepts too: pyworkflow casts
	 * event data to {@code jsonb} (its {@code has_event} and {@code step_id} backfill), where one
	 * value it refuses fails the query for the whole run.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static String jsonbObject(Operation operation, String name, @Nullable String value) {
		return json(operation, name, value, JsonToken.START_OBJECT, true);
	}

	private static String json(Operation operation, String name, @Nullable String value, JsonToken kind,
			boolean asJsonb) {
		text(operation, name, value);
		String problem = (value == null || value.isBlank())
				? ((kind == JsonToken.START_ARRAY) ? "a JSON array" : "a JSON object")
				: asJsonb ? JsonText.jsonbProblem(value, kind) : JsonText.jsonProblem(value, kind);
		if (problem != null) {
			throw new InvalidInputException(operation,
					name + " must be " + problem + ", got " + WorkflowStorageException.quote(value));
		}
		return value;
	}

	/**
	 * Requires any JSON value text (object, array or scalar) that PostgreSQL's {@code jsonb}
	 * accepts: what the {@code jsonb} columns of pyworkflow's stream tables hold.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static String jsonbValue(Operation operation, String name, @Nullable String value) {
		text(operation, name, value);
		String problem = (value == null || value.isBlank()) ? "a JSON value" : JsonText.jsonbValueProblem(value);
		if (problem != null) {
			throw new InvalidInputException(operation,
					name + " must be " + problem + ", got " + WorkflowStorageException.quote(value));
		}
		return value;
	}

	/**
	 * Requires a non-null value.
	 * @param <T> the value's type
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 * @return the value
	 */
	public static <T> T present(Operation operation, String name, @Nullable T value) {
		if (value == null) {
			throw new InvalidInputException(operation, name + " must not be null");
		}
		return value;
	}

	/**
	 * Requires a page size of 1 to {@value RunFilter#MAX_LIMIT} and a non-negative offset.
	 * @param operation the operation
	 * @param limit the page size
	 * @param offset the number of rows to skip
	 */
	public static void page(Operation operation, int limit, int offset) {
		limit(operation, "limit", limit);
		if (offset < 0) {
			throw new InvalidInputException(operation, "offset must not be negative, got " + offset);
		}
	}

	/**
	 * Checks the arguments of a status change of a run or a step.
	 * @param operation the operation
	 * @param idName the id argument's name
	 * @param id the id
	 * @param status the new status
	 * @param result the result, or {@code null}
	 * @param error the error, or {@code null}
	 */
	public static void statusChange(Operation operation, String idName, @Nullable String id, @Nullable Object status,
			@Nullable String result, @Nullable String error) {
		id(operation, idName, id);
		present(operation, "status", status);
		text(operation, "result", result);
		text(operation, "error", error);
	}

	/**
	 * Requires a count that is not negative.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value
	 */
	public static void notNegative(Operation operation, String name, int value) {
		if (value < 0) {
			throw new InvalidInputException(operation, name + " must not be negative, got " + value);
		}
	}

	public static WorkflowRun run(Operation operation, @Nullable WorkflowRun run) {
		present(operation, "run", run);
		id(operation, "runId", run.runId());
		id(operation, "workflowName", run.workflowName());
		jsonArray(operation, "inputArgs", run.inputArgs());
		jsonObject(operation, "inputKwargs", run.inputKwargs());
		text(operation, "result", run.result());
		text(operation, "error", run.error());
		if (run.idempotencyKey() != null) {
			id(operation, "idempotencyKey", run.idempotencyKey());
		}
		text(operation, "maxDuration", run.maxDuration());
		jsonObject(operation, "context", run.context());
		instant(operation, "createdAt", run.createdAt());
		instant(operation, "updatedAt", run.updatedAt());
		instant(operation, "startedAt", run.startedAt());
		instant(operation, "completedAt", run.completedAt());
		notNegative(operation, "recoveryAttempts", run.recoveryAttempts());
		notNegative(operation, "maxRecoveryAttempts", run.maxRecoveryAttempts());
		notNegative(operation, "nestingDepth", run.nestingDepth());
		optionalId(operation, "parentRunId", run.parentRunId());
		optionalId(operation, "continuedFromRunId", run.continuedFromRunId());
		optionalId(operation, "continuedToRunId", run.continuedToRunId());
		return run;
	}

	/**
	 * Requires a valid event of a type the policy records.
	 * @param operation the operation
	 * @param event the event
	 * @param eventTypes the types the storage records
	 * @return the event
	 */
	public static Event event(Operation operation, @Nullable Event event, EventTypes eventTypes) {
		present(operation, "event", event);
		id(operation, "eventId", event.eventId());
		id(operation, "runId", event.runId());
		id(operation, "type", event.type());
		instant(operation, "timestamp", event.timestamp());
		jsonbObject(operation, "data", event.data());
		// Storage indexes the data's step_id in its own column. Only its length is checked:
		// pyworkflow allows any other value, blank ones included.
		String stepId = JsonText.field(event.data(), "step_id");
		if (stepId != null) {
			indexable(operation, "data.step_id", stepId);
		}
		eventTypes.check(operation, event.type());
		return event;
	}

	/**
	 * Requires a non-empty batch of valid events that all belong to {@code runId}, with distinct
	 * ids.
	 * @param operation the operation
	 * @param runId the run's id
	 * @param events the events
	 * @param eventTypes the types the storage records
	 * @return the events
	 */
	public static List<Event> eventsOfRun(Operation operation, @Nullable String runId, @Nullable List<Event> events,
			EventTypes eventTypes) {
		id(operation, "runId", runId);
		present(operation, "events", events);
		if (events.isEmpty()) {
			throw new InvalidInputException(operation, "events must not be empty");
		}
		Set<String> ids = new HashSet<>();
		for (Event event : events) {
			event(operation, event, eventTypes);
			if (!event.runId().equals(runId)) {
				throw new InvalidInputException(operation, "event " + WorkflowStorageException.quote(event.eventId())
						+ " belongs to run " + WorkflowStorageException.quote(event.runId()) + ", not to "
						+ WorkflowStorageException.quote(runId));
			}
			if (!ids.add(event.eventId())) {
				throw new InvalidInputException(operation,
						"eventId " + WorkflowStorageException.quote(event.eventId()) + " appears twice in the batch");
			}
		}
		return events;
	}

	public static Step step(Operation operation, @Nullable Step step) {
		present(operation, "step", step);
		id(operation, "stepId", step.stepId());
		id(operation, "runId", step.runId());
		id(operation, "stepName", step.stepName());
		jsonArray(operation, "inputArgs", step.inputArgs());
		jsonObject(operation, "inputKwargs", step.inputKwargs());
		text(operation, "result", step.result());
		text(operation, "error", step.error());
		notNegative(operation, "attempt", step.attempt());
		instant(operation, "createdAt", step.createdAt());
		instant(operation, "startedAt", step.startedAt());
		instant(operation, "completedAt", step.completedAt());
		return step;
	}

	public static Hook hook(Operation operation, @Nullable Hook hook) {
		present(operation, "hook", hook);
		id(operation, "hookId", hook.hookId());
		id(operation, "runId", hook.runId());
		id(operation, "token", hook.token());
		text(operation, "payload", hook.payload());
		jsonObject(operation, "metadata", hook.metadata());
		instant(operation, "createdAt", hook.createdAt());
		instant(operation, "receivedAt", hook.receivedAt());
		instant(operation, "expiresAt", hook.expiresAt());
		return hook;
	}

	public static Schedule schedule(Operation operation, @Nullable Schedule schedule) {
		present(operation, "schedule", schedule);
		id(operation, "scheduleId", schedule.scheduleId());
		id(operation, "workflowName", schedule.workflowName());
		spec(operation, present(operation, "spec", schedule.spec()));
		jsonArray(operation, "inputArgs", schedule.inputArgs());
		jsonObject(operation, "inputKwargs", schedule.inputKwargs());
		jsonObject(operation, "metadata", schedule.metadata());
		for (String runId : schedule.runningRunIds()) {
			id(operation, "runningRunIds", runId);
		}
		instant(operation, "nextRunTime", schedule.nextRunTime());
		instant(operation, "lastRunTime", schedule.lastRunTime());
		instant(operation, "createdAt", schedule.createdAt());
		instant(operation, "updatedAt", schedule.updatedAt());
		instant(operation, "pausedAt", schedule.pausedAt());
		instant(operation, "deletedAt", schedule.deletedAt());
		return schedule;
	}

	private static void spec(Operation operation, ScheduleSpec spec) {
		int forms = ((spec.cron() != null) ? 1 : 0) + ((spec.interval() != null) ? 1 : 0)
				+ ((spec.calendar() != null && !spec.calendar().isEmpty()) ? 1 : 0);
		if (forms != 1) {
			throw new InvalidInputException(operation,
					"spec must set exactly one of cron, interval and calendar, got " + forms);
		}
		optionalId(operation, "spec.cron", spec.cron());
		optionalId(operation, "spec.interval", spec.interval());
		text(operation, "spec.jitter", spec.jitter());
		finiteInstant(operation, "spec.startAt", spec.startAt());
		finiteInstant(operation, "spec.endAt", spec.endAt());
		try {
			ZoneId.of(text(operation, "spec.timezone", spec.timezone()));
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException(operation,
					"spec.timezone is not a known time zone: " + WorkflowStorageException.quote(spec.timezone()));
		}
	}

	/**
	 * Checks a filter of runs; whether its cursor names a run, only the store can tell.
	 * @param operation the operation
	 * @param filter the filter
	 * @return the filter
	 */
	public static RunFilter runFilter(Operation operation, @Nullable RunFilter filter) {
		present(operation, "filter", filter);
		page(operation, filter.limit(), 0);
		text(operation, "query", filter.query());
		instant(operation, "startTime", filter.startTime());
		instant(operation, "endTime", filter.endTime());
		optionalId(operation, "cursor", filter.cursor());
		return filter;
	}

	/**
	 * Requires the values of a data filter to be present, without NUL characters.
	 * @param operation the operation
	 * @param filters the filters
	 * @return the filters
	 */
	public static Map<String, String> filters(Operation operation, @Nullable Map<String, String> filters) {
		present(operation, "dataFilters", filters);
		filters.forEach((key, value) -> {
			id(operation, "dataFilters key", key);
			text(operation, "dataFilters[" + key + "]", present(operation, "dataFilters[" + key + "]", value));
		});
		return filters;
	}

	/**
	 * Requires each of several optional types to be an id.
	 * @param operation the operation
	 * @param types the types, or {@code null}
	 * @return the types
	 */
	public static @Nullable Collection<String> types(Operation operation, @Nullable Collection<String> types) {
		if (types != null) {
			types.forEach((type) -> id(operation, "types", type));
		}
		return types;
	}

	/**
	 * Requires an optional stream run id to be an id other than
	 * {@value Signal#PYWORKFLOW_NO_STREAM_RUN}, which pyworkflow stores for signals of no stream run.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value, or {@code null} for none
	 * @return the value
	 */
	public static @Nullable String streamRunId(Operation operation, String name, @Nullable String value) {
		optionalId(operation, name, value);
		if (Signal.PYWORKFLOW_NO_STREAM_RUN.equals(value)) {
			throw new InvalidInputException(operation, name + " must not be " + WorkflowStorageException.quote(value)
					+ ", which pyworkflow stores for signals of no stream run; pass null for none");
		}
		return value;
	}

	/**
	 * Requires a page size of 1 to {@value RunFilter#MAX_LIMIT}.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param limit the page size
	 * @return the page size
	 */
	public static int limit(Operation operation, String name, int limit) {
		if (limit <= 0 || limit > RunFilter.MAX_LIMIT) {
			throw new InvalidInputException(operation,
					name + " must be between 1 and " + RunFilter.MAX_LIMIT + ", got " + limit);
		}
		return limit;
	}

	public static NewSignal signal(Operation operation, @Nullable NewSignal signal) {
		present(operation, "signal", signal);
		id(operation, "signalId", signal.signalId());
		id(operation, "streamId", signal.streamId());
		streamRunId(operation, "streamRunId", signal.streamRunId());
		id(operation, "signalType", signal.signalType());
		jsonbObject(operation, "payload", signal.payload());
		optionalId(operation, "sourceRunId", signal.sourceRunId());
		jsonbObject(operation, "metadata", signal.metadata());
		return signal;
	}

	public static SignalQuery signalQuery(Operation operation, @Nullable SignalQuery query) {
		present(operation, "query", query);
		id(operation, "streamId", query.streamId());
		streamRunId(operation, "streamRunId", query.streamRunId());
		optionalId(operation, "sourceRunId", query.sourceRunId());
		optionalId(operation, "signalType", query.signalType());
		limit(operation, "limit", query.limit());
		if (query.lastN() != null) {
			limit(operation, "lastN", query.lastN());
		}
		return query;
	}

	/**
	 * Requires a list of signal types, each an id.
	 * @param operation the operation
	 * @param signalTypes the types
	 * @return the types
	 */
	public static List<String> signalTypes(Operation operation, @Nullable List<String> signalTypes) {
		present(operation, "signalTypes", signalTypes);
		signalTypes.forEach((type) -> id(operation, "signalTypes", type));
		return signalTypes;
	}

	public static StreamParentLink parentLink(Operation operation, @Nullable StreamParentLink link) {
		present(operation, "link", link);
		id(operation, "parentRunId", link.parentRunId());
		id(operation, "parentHookToken", link.parentHookToken());
		return link;
	}

	public static NewScheduledSignal scheduledSignal(Operation operation, @Nullable NewScheduledSignal signal) {
		present(operation, "signal", signal);
		id(operation, "streamId", signal.streamId());
		id(operation, "signalType", signal.signalType());
		jsonbObject(operation, "payload", signal.payload());
		instant(operation, "dueAt", signal.dueAt());
		streamRunId(operation, "streamRunId", signal.streamRunId());
		jsonbObject(operation, "metadata", signal.metadata());
		return signal;
	}

	/**
	 * Requires an optional value to be an id when it is present.
	 * @param operation the operation
	 * @param name the argument's name
	 * @param value the value, or {@code null}
	 */
	public static void optionalId(Operation operation, String name, @Nullable String value) {
		if (value != null) {
			id(operation, name, value);
		}
	}

}
