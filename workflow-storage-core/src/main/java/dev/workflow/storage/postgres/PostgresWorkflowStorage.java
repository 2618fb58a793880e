package dev.workflow.storage.postgres;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.UndecodableRowException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.support.ContinuationChain;
import dev.workflow.storage.support.Inputs;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link WorkflowStorage} on PostgreSQL, in pyworkflow's tables (see
 * {@link SchemaMigrator} for creating them).
 *
 * <p>
 * Arguments are checked before any statement is sent; each operation is one statement in the
 * common case, and failures of the driver become {@link StorageAccessException}s naming the
 * operation and the id.
 *
 * <p>
 * A row that another client wrote with a value this library cannot decode (a status it does not
 * know, a schedule spec or running-run list that is not pyworkflow's JSON) is never rewritten:
 * reading it alone throws an {@link UndecodableRowException}, and listings skip it, logging a
 * WARN and counting it ({@link #undecodableRowsSkipped()}).
 *
 * @since 0.1.0
 */
public class PostgresWorkflowStorage implements WorkflowStorage {

	private final JdbcRepositories repositories;

	private final EventTypes eventTypes;

	public PostgresWorkflowStorage(DataSource dataSource) {
		this(dataSource, Clock.systemUTC());
	}

	public PostgresWorkflowStorage(DataSource dataSource, Clock clock) {
		this(dataSource, clock, EventTypes.pyworkflow());
	}

	/**
	 * A storage that records the given event types.
	 * @param dataSource the database
	 * @param clock the clock every change takes its time from
	 * @param eventTypes the event types it records
	 */
	public PostgresWorkflowStorage(DataSource dataSource, Clock clock, EventTypes eventTypes) {
		this(JdbcRepositories.postgres(new JdbcTemplate(dataSource), clock), eventTypes);
	}

	/**
	 * A storage on the given repositories.
	 * @param repositories the repositories
	 * @param eventTypes the event types it records
	 */
	public PostgresWorkflowStorage(JdbcRepositories repositories, EventTypes eventTypes) {
		this.repositories = repositories;
		this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes");
	}

	/**
	 * How many rows this storage's listings have skipped because a column could not be decoded.
	 * @return the count since this storage was created
	 * @since 0.2.0
	 */
	public long undecodableRowsSkipped() {
		return this.repositories.undecodableRows().skipped();
	}

	// Runs

	@Override
	public void createRun(WorkflowRun run) {
		Inputs.run("createRun", run);
		run("createRun", ofRun(run.runId()),
				() -> this.repositories.runs().insert(run));
	}

	@Override
	public Optional<WorkflowRun> getRun(String runId) {
		return findRun("getRun", runId);
	}

	private Optional<WorkflowRun> findRun(String operation, String runId) {
		Inputs.id(operation, "runId", runId);
		return call(operation, ofRun(runId), () -> this.repositories.runs().find(runId));
	}

	@Override
	public Optional<WorkflowRun> getRunByIdempotencyKey(String idempotencyKey) {
		Inputs.id("getRunByIdempotencyKey", "idempotencyKey", idempotencyKey);
		return call("getRunByIdempotencyKey", "idempotency key " + WorkflowStorageException.quote(idempotencyKey),
				() -> this.repositories.runs().findByIdempotencyKey(idempotencyKey));
	}

	@Override
	public void updateRunStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		String operation = "updateRunStatus";
		Inputs.statusChange(operation, "runId", runId, status, result, error);
		run(operation, ofRun(runId), () -> this.repositories.runs().updateStatus(runId, status, result, error));
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		String operation = "tryClaimRun";
		Inputs.id(operation, "runId", runId);
		Inputs.present(operation, "fromStatus", fromStatus);
		Inputs.present(operation, "toStatus", toStatus);
		return call(operation, ofRun(runId), () -> this.repositories.runs().claim(runId, fromStatus, toStatus));
	}

	@Override
	public void updateRunRecoveryAttempts(String runId, int recoveryAttempts) {
		String operation = "updateRunRecoveryAttempts";
		Inputs.id(operation, "runId", runId);
		Inputs.notNegative(operation, "recoveryAttempts", recoveryAttempts);
		run(operation, ofRun(runId), () -> this.repositories.runs().updateRecoveryAttempts(runId, recoveryAttempts));
	}

	@Override
	public void updateRunContext(String runId, String context) {
		String operation = "updateRunContext";
		Inputs.id(operation, "runId", runId);
		Inputs.jsonObject(operation, "context", context);
		run(operation, ofRun(runId), () -> this.repositories.runs().updateContext(runId, context));
	}

	@Override
	public String getRunContext(String runId) {
		return findRun("getRunContext", runId).map(WorkflowRun::context).orElse("{}");
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		String operation = "listRuns";
		Inputs.runFilter(operation, filter);
		if (filter.cursor() != null) {
			Inputs.id(operation, "cursor", filter.cursor());
		}
		return call(operation, "runs", () -> this.repositories.runs().list(filter));
	}

	@Override
	public void updateRunContinuation(String runId, String continuedToRunId) {
		String operation = "updateRunContinuation";
		Inputs.id(operation, "runId", runId);
		Inputs.id(operation, "continuedToRunId", continuedToRunId);
		run(operation, ofRun(runId), () -> this.repositories.runs().updateContinuation(runId, continuedToRunId));
	}

	@Override
	public List<WorkflowRun> getWorkflowChain(String runId) {
		Inputs.id("getWorkflowChain", "runId", runId);
		return call("getWorkflowChain", ofRun(runId), () -> ContinuationChain.collect(runId,
				(id) -> this.repositories.runs().find(id).orElse(null)));
	}

	@Override
	public List<WorkflowRun> getChildren(String parentRunId, @Nullable RunStatus status) {
		Inputs.id("getChildren", "parentRunId", parentRunId);
		return call("getChildren", ofRun(parentRunId), () -> this.repositories.runs().children(parentRunId, status));
	}

	@Override
	public Optional<WorkflowRun> getParent(String runId) {
		Inputs.id("getParent", "runId", runId);
		JdbcRunRepository runs = this.repositories.runs();
		return call("getParent", ofRun(runId),
				() -> runs.find(runId).map(WorkflowRun::parentRunId).flatMap(runs::find));
	}

	@Override
	public int getNestingDepth(String runId) {
		return findRun("getNestingDepth", runId).map(WorkflowRun::nestingDepth).orElse(0);
	}

	// Event log

	@Override
	public int recordEvent(Event event) {
		Inputs.event("recordEvent", event, this.eventTypes);
		return call("recordEvent", ofRun(event.runId()), () -> this.repositories.events().append(event));
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		Inputs.eventsOfRun("recordEvents", runId, events, this.eventTypes);
		return call("recordEvents", ofRun(runId), () -> this.repositories.events().appendAll(runId, events));
	}

	@Override
	public List<Event> getEvents(String runId, @Nullable Collection<String> types) {
		Inputs.id("getEvents", "runId", runId);
		Inputs.types("getEvents", types);
		return call("getEvents", ofRun(runId), () -> this.repositories.events().find(runId, types));
	}

	@Override
	public Optional<Event> getLatestEvent(String runId, @Nullable String type) {
		Inputs.id("getLatestEvent", "runId", runId);
		Inputs.text("getLatestEvent", "type", type);
		return call("getLatestEvent", ofRun(runId), () -> this.repositories.events().findLatest(runId, type));
	}

	@Override
	public boolean hasEvent(String runId, String type, Map<String, String> dataFilters) {
		String operation = "hasEvent";
		Inputs.id(operation, "runId", runId);
		Inputs.id(operation, "type", type);
		Inputs.filters(operation, dataFilters);
		return call(operation, ofRun(runId), () -> this.repositories.events().exists(runId, type, dataFilters));
	}

	// Steps

	@Override
	public void createStep(Step step) {
		Inputs.step("createStep", step);
		run("createStep", "step " + WorkflowStorageException.quote(step.stepId()),
				() -> this.repositories.steps().insert(step));
	}

	@Override
	public Optional<Step> getStep(String stepId) {
		Inputs.id("getStep", "stepId", stepId);
		return call("getStep", "step " + WorkflowStorageException.quote(stepId),
				() -> this.repositories.steps().find(stepId));
	}

	@Override
	public void updateStepStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		String operation = "updateStepStatus";
		Inputs.statusChange(operation, "stepId", stepId, status, result, error);
		run(operation, "step " + WorkflowStorageException.quote(stepId),
				() -> this.repositories.steps().updateStatus(stepId, status, result, error));
	}

	@Override
	public List<Step> listSteps(String runId) {
		Inputs.id("listSteps", "runId", runId);
		return call("listSteps", ofRun(runId), () -> this.repositories.steps().list(runId));
	}

	// Hooks

	@Override
	public void createHook(Hook hook) {
		Inputs.hook("createHook", hook);
		run("createHook", "hook " + WorkflowStorageException.quote(hook.hookId()),
				() -> this.repositories.hooks().insert(hook));
	}

	@Override
	public Optional<Hook> getHook(String hookId, @Nullable String runId) {
		Inputs.id("getHook", "hookId", hookId);
		if (runId != null) {
			Inputs.id("getHook", "runId", runId);
		}
		return call("getHook", "hook " + WorkflowStorageException.quote(hookId),
				() -> this.repositories.hooks().find(hookId, runId));
	}

	@Override
	public Optional<Hook> getHookByToken(String token) {
		Inputs.id("getHookByToken", "token", token);
		return call("getHookByToken", "hook token " + WorkflowStorageException.quote(token),
				() -> this.repositories.hooks().findByToken(token));
	}

	@Override
	public void updateHookStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		String operation = "updateHookStatus";
		Inputs.id(operation, "hookId", hookId);
		Inputs.present(operation, "status", status);
		Inputs.text(operation, "payload", payload);
		if (runId != null) {
			Inputs.id(operation, "runId", runId);
		}
		run(operation, "hook " + WorkflowStorageException.quote(hookId),
				() -> this.repositories.hooks().updateStatus(hookId, status, payload, runId));
	}

	@Override
	public List<Hook> listHooks(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		Inputs.page("listHooks", limit, offset);
		if (runId != null) {
			Inputs.id("listHooks", "runId", runId);
		}
		return call("listHooks", "hooks", () -> this.repositories.hooks().list(runId, status, limit, offset));
	}

	// Cancellation flags

	@Override
	public void setCancellationFlag(String runId) {
		Inputs.id("setCancellationFlag", "runId", runId);
		run("setCancellationFlag", ofRun(runId), () -> this.repositories.cancellationFlags().set(runId));
	}

	@Override
	public boolean checkCancellationFlag(String runId) {
		Inputs.id("checkCancellationFlag", "runId", runId);
		return call("checkCancellationFlag", ofRun(runId), () -> this.repositories.cancellationFlags().isSet(runId));
	}

	@Override
	public void clearCancellationFlag(String runId) {
		Inputs.id("clearCancellationFlag", "runId", runId);
		run("clearCancellationFlag", ofRun(runId), () -> this.repositories.cancellationFlags().clear(runId));
	}

	// Schedules

	@Override
	public void createSchedule(Schedule schedule) {
		Inputs.schedule("createSchedule", schedule);
		run("createSchedule", schedule(schedule.scheduleId()), () -> this.repositories.schedules().insert(schedule));
	}

	@Override
	public Optional<Schedule> getSchedule(String scheduleId) {
		Inputs.id("getSchedule", "scheduleId", scheduleId);
		return call("getSchedule", schedule(scheduleId), () -> this.repositories.schedules().find(scheduleId));
	}

	@Override
	public void updateSchedule(Schedule schedule) {
		Inputs.schedule("updateSchedule", schedule);
		run("updateSchedule", schedule(schedule.scheduleId()), () -> this.repositories.schedules().update(schedule));
	}

	@Override
	public void deleteSchedule(String scheduleId) {
		Inputs.id("deleteSchedule", "scheduleId", scheduleId);
		run("deleteSchedule", schedule(scheduleId), () -> this.repositories.schedules().delete(scheduleId));
	}

	@Override
	public List<Schedule> listSchedules(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset) {
		Inputs.page("listSchedules", limit, offset);
		Inputs.text("listSchedules", "workflowName", workflowName);
		return call("listSchedules", "schedules",
				() -> this.repositories.schedules().list(workflowName, status, limit, offset));
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		Inputs.instant("getDueSchedules", "now", Inputs.present("getDueSchedules", "now", now));
		return call("getDueSchedules", "schedules", () -> this.repositories.schedules().findDue(now));
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		Inputs.id("addRunningRun", "scheduleId", scheduleId);
		Inputs.id("addRunningRun", "runId", runId);
		run("addRunningRun", schedule(scheduleId),
				() -> this.repositories.schedules().addRunningRun(scheduleId, runId));
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		Inputs.id("removeRunningRun", "scheduleId", scheduleId);
		Inputs.id("removeRunningRun", "runId", runId);
		run("removeRunningRun", schedule(scheduleId),
				() -> this.repositories.schedules().removeRunningRun(scheduleId, runId));
	}

	// Lifecycle

	@Override
	public void checkHealth() {
		call("checkHealth", "database", () -> this.repositories.jdbc().sql("SELECT 1").query(Integer.class).single());
	}

	private static String ofRun(String runId) {
		return "run " + WorkflowStorageException.quote(runId);
	}

	private static String schedule(String scheduleId) {
		return "schedule " + WorkflowStorageException.quote(scheduleId);
	}

	private static void run(String operation, String subject, Runnable action) {
		call(operation, subject, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs one storage action, turning a driver failure into a {@link StorageAccessException}
	 * that names the operation and what it concerned, and a row that cannot be decoded into an
	 * {@link UndecodableRowException} naming the operation.
	 * @param <T> the result type
	 * @param operation the operation
	 * @param subject what the operation concerned, such as {@code step 'x'}
	 * @param action the action
	 * @return its result
	 */
	private static <T> T call(String operation, String subject, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (UndecodableColumnException ex) {
			throw ex.in(operation);
		}
		catch (DataAccessException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			throw new StorageAccessException(operation,
					"failed for " + subject + ": " + cause.getMessage(), ex);
		}
	}

}
