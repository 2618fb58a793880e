package dev.workflow.storage.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.EventTypes;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
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
import dev.workflow.storage.support.JsonText;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe {@link WorkflowStorage} held in memory: the embedded default, for development
 * and tests. Nothing survives the process.
 *
 * <p>
 * It behaves as the PostgreSQL backend does, down to the checks its foreign keys make (an event,
 * step, hook or cancellation flag needs its run) and the order of every listing. Each run's
 * event log is appended under that log's own lock, so appenders to different runs never wait
 * for each other.
 *
 * @since 0.1.0
 */
public class InMemoryWorkflowStorage implements WorkflowStorage {

	private static final Comparator<WorkflowRun> OLDEST_FIRST = Comparator.comparing(WorkflowRun::createdAt)
		.thenComparing(WorkflowRun::runId);

	private static final Comparator<Hook> HOOKS_NEWEST_FIRST = Comparator.comparing(Hook::createdAt)
		.thenComparing(Hook::runId)
		.thenComparing(Hook::hookId)
		.reversed();

	private static final Comparator<Schedule> SCHEDULES_NEWEST_FIRST = Comparator.comparing(Schedule::createdAt)
		.thenComparing(Schedule::scheduleId)
		.reversed();

	private final Clock clock;

	private final Map<String, WorkflowRun> runs = new ConcurrentHashMap<>();

	private final Map<String, String> runIdsByIdempotencyKey = new ConcurrentHashMap<>();

	private final ConcurrentSkipListMap<RunKey, String> runIdsNewestFirst = new ConcurrentSkipListMap<>();

	private final Object runCreation = new Object();

	private final Map<String, List<Event>> eventLogs = new ConcurrentHashMap<>();

	private final Set<String> eventIds = ConcurrentHashMap.newKeySet();

	private final Map<String, Step> steps = new ConcurrentHashMap<>();

	private final Map<HookKey, Hook> hooks = new ConcurrentHashMap<>();

	private final Map<String, HookKey> hookKeysByToken = new ConcurrentHashMap<>();

	private final Object hookCreation = new Object();

	private final Map<String, Instant> cancellationFlags = new ConcurrentHashMap<>();

	private final Map<String, Schedule> schedules = new ConcurrentHashMap<>();

	private final EventTypes eventTypes;

	public InMemoryWorkflowStorage() {
		this(Clock.systemUTC());
	}

	/**
	 * A store that takes the time of every change from {@code clock}.
	 * @param clock the clock
	 */
	public InMemoryWorkflowStorage(Clock clock) {
		this(clock, EventTypes.pyworkflow());
	}

	/**
	 * A store that takes the time of every change from {@code clock} and records the given event
	 * types.
	 * @param clock the clock
	 * @param eventTypes the event types it records
	 */
	public InMemoryWorkflowStorage(Clock clock, EventTypes eventTypes) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes");
	}

	// Runs

	@Override
	public void createRun(WorkflowRun run) {
		Inputs.run("createRun", run);
		synchronized (this.runCreation) {
			if (this.runs.containsKey(run.runId())) {
				throw new DuplicateIdException("createRun", "run", run.runId());
			}
			String key = run.idempotencyKey();
			if (key != null && this.runIdsByIdempotencyKey.containsKey(key)) {
				throw new DuplicateIdempotencyKeyException("createRun", key, this.runIdsByIdempotencyKey.get(key));
			}
			if (run.parentRunId() != null && !this.runs.containsKey(run.parentRunId())) {
				throw new NotFoundException("createRun", "parent run", run.parentRunId());
			}
			this.runs.put(run.runId(), run);
			if (key != null) {
				this.runIdsByIdempotencyKey.put(key, run.runId());
			}
			this.runIdsNewestFirst.put(new RunKey(run.createdAt(), run.runId()), run.runId());
		}
	}

	@Override
	public Optional<WorkflowRun> getRun(String runId) {
		return Optional.ofNullable(this.runs.get(Inputs.id("getRun", "runId", runId)));
	}

	@Override
	public Optional<WorkflowRun> getRunByIdempotencyKey(String idempotencyKey) {
		String runId = this.runIdsByIdempotencyKey
			.get(Inputs.id("getRunByIdempotencyKey", "idempotencyKey", idempotencyKey));
		return (runId != null) ? Optional.ofNullable(this.runs.get(runId)) : Optional.empty();
	}

	@Override
	public void updateRunStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		String operation = "updateRunStatus";
		Inputs.statusChange(operation, "runId", runId, status, result, error);
		updateRun(operation, runId, (run) -> {
			Instant now = now();
			return run.toBuilder()
				.status(status)
				.updatedAt(now)
				.result((result != null) ? result : run.result())
				.error((error != null) ? error : run.error())
				.completedAt(status.isTerminal() ? now : run.completedAt())
				.build();
		});
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		String operation = "tryClaimRun";
		Inputs.id(operation, "runId", runId);
		Inputs.present(operation, "fromStatus", fromStatus);
		Inputs.present(operation, "toStatus", toStatus);
		boolean[] claimed = new boolean[1];
		this.runs.computeIfPresent(runId, (id, run) -> {
			if (run.status() != fromStatus) {
				return run;
			}
			claimed[0] = true;
			return run.toBuilder().status(toStatus).updatedAt(now()).build();
		});
		return claimed[0];
	}

	@Override
	public void updateRunRecoveryAttempts(String runId, int recoveryAttempts) {
		String operation = "updateRunRecoveryAttempts";
		Inputs.id(operation, "runId", runId);
		Inputs.notNegative(operation, "recoveryAttempts", recoveryAttempts);
		updateRun(operation, runId,
				(run) -> run.toBuilder().recoveryAttempts(recoveryAttempts).updatedAt(now()).build());
	}

	@Override
	public void updateRunContext(String runId, String context) {
		String operation = "updateRunContext";
		Inputs.id(operation, "runId", runId);
		Inputs.jsonObject(operation, "context", context);
		updateRun(operation, runId, (run) -> run.toBuilder().context(context).updatedAt(now()).build());
	}

	@Override
	public String getRunContext(String runId) {
		WorkflowRun run = this.runs.get(Inputs.id("getRunContext", "runId", runId));
		return (run != null) ? run.context() : "{}";
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		String operation = "listRuns";
		Inputs.runFilter(operation, filter);
		Map<RunKey, String> candidates = this.runIdsNewestFirst;
		if (filter.cursor() != null) {
			WorkflowRun last = this.runs.get(Inputs.id(operation, "cursor", filter.cursor()));
			if (last == null) {
				throw new InvalidInputException(operation,
						"unknown cursor " + WorkflowStorageException.quote(filter.cursor()));
			}
			candidates = this.runIdsNewestFirst.tailMap(new RunKey(last.createdAt(), last.runId()), false);
		}
		Predicate<WorkflowRun> matches = runFilter(filter);
		List<WorkflowRun> page = new ArrayList<>();
		for (String runId : candidates.values()) {
			WorkflowRun run = this.runs.get(runId);
			if (matches.test(run)) {
				if (page.size() == filter.limit()) {
					return RunPage.of(page, page.get(page.size() - 1).runId());
				}
				page.add(run);
			}
		}
		return RunPage.of(page, null);
	}

	private static Predicate<WorkflowRun> runFilter(RunFilter filter) {
		String query = (filter.query() != null) ? filter.query().toLowerCase(Locale.ROOT) : null;
		return (run) -> (query == null || run.workflowName().toLowerCase(Locale.ROOT).contains(query)
				|| run.inputKwargs().toLowerCase(Locale.ROOT).contains(query))
				&& (filter.status() == null || run.status() == filter.status())
				&& (filter.startTime() == null || !run.createdAt().isBefore(filter.startTime()))
				&& (filter.endTime() == null || run.createdAt().isBefore(filter.endTime()));
	}

	@Override
	public void updateRunContinuation(String runId, String continuedToRunId) {
		String operation = "updateRunContinuation";
		Inputs.id(operation, "runId", runId);
		Inputs.id(operation, "continuedToRunId", continuedToRunId);
		updateRun(operation, runId,
				(run) -> run.toBuilder().continuedToRunId(continuedToRunId).updatedAt(now()).build());
	}

	@Override
	public List<WorkflowRun> getWorkflowChain(String runId) {
		Inputs.id("getWorkflowChain", "runId", runId);
		return ContinuationChain.collect(runId, this.runs::get);
	}

	@Override
	public List<WorkflowRun> getChildren(String parentRunId, @Nullable RunStatus status) {
		Inputs.id("getChildren", "parentRunId", parentRunId);
		return this.runs.values()
			.stream()
			.filter((run) -> parentRunId.equals(run.parentRunId()) && (status == null || run.status() == status))
			.sorted(OLDEST_FIRST)
			.toList();
	}

	@Override
	public Optional<WorkflowRun> getParent(String runId) {
		WorkflowRun run = this.runs.get(Inputs.id("getParent", "runId", runId));
		return (run != null && run.parentRunId() != null) ? Optional.ofNullable(this.runs.get(run.parentRunId()))
				: Optional.empty();
	}

	@Override
	public int getNestingDepth(String runId) {
		WorkflowRun run = this.runs.get(Inputs.id("getNestingDepth", "runId", runId));
		return (run != null) ? run.nestingDepth() : 0;
	}

	private void updateRun(String operation, String runId, UnaryOperator<WorkflowRun> change) {
		if (this.runs.computeIfPresent(runId, (id, run) -> change.apply(run)) == null) {
			throw new NotFoundException(operation, "run", runId);
		}
	}

	private void requireRun(String operation, String runId) {
		if (!this.runs.containsKey(runId)) {
			throw new NotFoundException(operation, "run", runId);
		}
	}

	// Event log

	@Override
	public int recordEvent(Event event) {
		Inputs.event("recordEvent", event, this.eventTypes);
		return append("recordEvent", event.runId(), List.of(event)).get(0);
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		Inputs.eventsOfRun("recordEvents", runId, events, this.eventTypes);
		return append("recordEvents", runId, events);
	}

	private List<Integer> append(String operation, String runId, List<Event> events) {
		requireRun(operation, runId);
		claimEventIds(operation, events);
		List<Event> log = this.eventLogs.computeIfAbsent(runId, (id) -> new ArrayList<>());
		List<Integer> sequences = new ArrayList<>(events.size());
		synchronized (log) {
			for (Event event : events) {
				int sequence = log.size();
				log.add(event.withSequence(sequence));
				sequences.add(sequence);
			}
		}
		return sequences;
	}

	// Claims every id or none, so a failed batch leaves nothing behind.
	private void claimEventIds(String operation, List<Event> events) {
		List<String> claimed = new ArrayList<>(events.size());
		for (Event event : events) {
			if (!this.eventIds.add(event.eventId())) {
				this.eventIds.removeAll(claimed);
				throw new DuplicateIdException(operation, "event", event.eventId());
			}
			claimed.add(event.eventId());
		}
	}

	@Override
	public List<Event> getEvents(String runId, @Nullable Collection<String> types) {
		Inputs.id("getEvents", "runId", runId);
		Set<String> wanted = (types != null && !types.isEmpty()) ? new HashSet<>(Inputs.types("getEvents", types))
				: null;
		return events(runId).filter((event) -> wanted == null || wanted.contains(event.type())).toList();
	}

	@Override
	public Optional<Event> getLatestEvent(String runId, @Nullable String type) {
		String operation = "getLatestEvent";
		Inputs.id(operation, "runId", runId);
		Inputs.text(operation, "type", type);
		List<Event> matching = events(runId).filter((event) -> type == null || type.equals(event.type())).toList();
		return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
	}

	@Override
	public boolean hasEvent(String runId, String type, Map<String, String> dataFilters) {
		String operation = "hasEvent";
		Inputs.id(operation, "runId", runId);
		Inputs.id(operation, "type", type);
		Inputs.filters(operation, dataFilters);
		return events(runId).anyMatch((event) -> type.equals(event.type()) && dataFilters.entrySet()
			.stream()
			.allMatch((filter) -> filter.getValue().equals(JsonText.field(event.data(), filter.getKey()))));
	}

	private Stream<Event> events(String runId) {
		List<Event> log = this.eventLogs.get(runId);
		if (log == null) {
			return Stream.empty();
		}
		synchronized (log) {
			return List.copyOf(log).stream();
		}
	}

	// Steps

	@Override
	public void createStep(Step step) {
		Inputs.step("createStep", step);
		requireRun("createStep", step.runId());
		if (this.steps.putIfAbsent(step.stepId(), step) != null) {
			throw new DuplicateIdException("createStep", "step", step.stepId());
		}
	}

	@Override
	public Optional<Step> getStep(String stepId) {
		return Optional.ofNullable(this.steps.get(Inputs.id("getStep", "stepId", stepId)));
	}

	@Override
	public void updateStepStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		String operation = "updateStepStatus";
		Inputs.statusChange(operation, "stepId", stepId, status, result, error);
		Step updated = this.steps.computeIfPresent(stepId,
				(id, step) -> new Step(step.stepId(), step.runId(), step.stepName(), status, step.createdAt(),
						step.startedAt(), status.isTerminal() ? now() : step.completedAt(), step.inputArgs(),
						step.inputKwargs(), (result != null) ? result : step.result(),
						(error != null) ? error : step.error(), step.attempt()));
		if (updated == null) {
			throw new NotFoundException(operation, "step", stepId);
		}
	}

	@Override
	public List<Step> listSteps(String runId) {
		Inputs.id("listSteps", "runId", runId);
		return this.steps.values()
			.stream()
			.filter((step) -> step.runId().equals(runId))
			.sorted(Comparator.comparing(Step::createdAt).thenComparing(Step::stepId))
			.toList();
	}

	// Hooks

	@Override
	public void createHook(Hook hook) {
		Inputs.hook("createHook", hook);
		requireRun("createHook", hook.runId());
		HookKey key = new HookKey(hook.runId(), hook.hookId());
		synchronized (this.hookCreation) {
			if (this.hooks.containsKey(key)) {
				throw new DuplicateIdException("createHook", "hook", hook.hookId());
			}
			if (this.hookKeysByToken.containsKey(hook.token())) {
				throw new DuplicateIdException("createHook", "hook token", hook.token());
			}
			this.hooks.put(key, hook);
			this.hookKeysByToken.put(hook.token(), key);
		}
	}

	@Override
	public Optional<Hook> getHook(String hookId, @Nullable String runId) {
		return hooksWithId("getHook", hookId, runId).findFirst();
	}

	@Override
	public Optional<Hook> getHookByToken(String token) {
		HookKey key = this.hookKeysByToken.get(Inputs.id("getHookByToken", "token", token));
		return (key != null) ? Optional.ofNullable(this.hooks.get(key)) : Optional.empty();
	}

	@Override
	public void updateHookStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		String operation = "updateHookStatus";
		Inputs.present(operation, "status", status);
		Inputs.text(operation, "payload", payload);
		List<HookKey> keys = hooksWithId(operation, hookId, runId).map((hook) -> new HookKey(hook.runId(), hookId))
			.toList();
		if (keys.isEmpty()) {
			throw new NotFoundException(operation, "hook", hookId);
		}
		Instant now = now();
		for (HookKey key : keys) {
			this.hooks.computeIfPresent(key,
					(k, hook) -> new Hook(hook.hookId(), hook.runId(), hook.token(), hook.createdAt(),
							(status == HookStatus.RECEIVED) ? now : hook.receivedAt(), hook.expiresAt(), status,
							(payload != null) ? payload : hook.payload(), hook.metadata()));
		}
	}

	// Without a run id, the oldest hook with the id comes first, as in the SQL backends.
	private Stream<Hook> hooksWithId(String operation, String hookId, @Nullable String runId) {
		Inputs.id(operation, "hookId", hookId);
		if (runId != null) {
			Hook hook = this.hooks.get(new HookKey(Inputs.id(operation, "runId", runId), hookId));
			return Stream.ofNullable(hook);
		}
		return this.hooks.values()
			.stream()
			.filter((hook) -> hook.hookId().equals(hookId))
			.sorted(Comparator.comparing(Hook::createdAt).thenComparing(Hook::runId));
	}

	@Override
	public List<Hook> listHooks(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		String operation = "listHooks";
		Inputs.page(operation, limit, offset);
		if (runId != null) {
			Inputs.id(operation, "runId", runId);
		}
		return this.hooks.values()
			.stream()
			.filter((hook) -> (runId == null || hook.runId().equals(runId))
					&& (status == null || hook.status() == status))
			.sorted(HOOKS_NEWEST_FIRST)
			.skip(offset)
			.limit(limit)
			.toList();
	}

	// Cancellation flags

	@Override
	public void setCancellationFlag(String runId) {
		Inputs.id("setCancellationFlag", "runId", runId);
		requireRun("setCancellationFlag", runId);
		this.cancellationFlags.putIfAbsent(runId, now());
	}

	@Override
	public boolean checkCancellationFlag(String runId) {
		return this.cancellationFlags.containsKey(Inputs.id("checkCancellationFlag", "runId", runId));
	}

	@Override
	public void clearCancellationFlag(String runId) {
		this.cancellationFlags.remove(Inputs.id("clearCancellationFlag", "runId", runId));
	}

	// Schedules

	@Override
	public void createSchedule(Schedule schedule) {
		Inputs.schedule("createSchedule", schedule);
		if (this.schedules.putIfAbsent(schedule.scheduleId(), schedule) != null) {
			throw new DuplicateIdException("createSchedule", "schedule", schedule.scheduleId());
		}
	}

	@Override
	public Optional<Schedule> getSchedule(String scheduleId) {
		return Optional.ofNullable(this.schedules.get(Inputs.id("getSchedule", "scheduleId", scheduleId)));
	}

	@Override
	public void updateSchedule(Schedule schedule) {
		Inputs.schedule("updateSchedule", schedule);
		updateSchedule("updateSchedule", schedule.scheduleId(),
				(current) -> new Schedule(schedule.scheduleId(), schedule.workflowName(), schedule.spec(),
						schedule.status(), schedule.inputArgs(), schedule.inputKwargs(), schedule.overlapPolicy(),
						schedule.nextRunTime(), schedule.lastRunTime(), schedule.runningRunIds(), schedule.metadata(),
						current.createdAt(), now(), schedule.pausedAt(), schedule.deletedAt()));
	}

	@Override
	public void deleteSchedule(String scheduleId) {
		Inputs.id("deleteSchedule", "scheduleId", scheduleId);
		updateSchedule("deleteSchedule", scheduleId, (current) -> current.deleted(now()));
	}

	@Override
	public List<Schedule> listSchedules(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset) {
		String operation = "listSchedules";
		Inputs.page(operation, limit, offset);
		Inputs.text(operation, "workflowName", workflowName);
		return this.schedules.values()
			.stream()
			.filter((schedule) -> (workflowName == null || schedule.workflowName().equals(workflowName))
					&& (status == null || schedule.status() == status))
			.sorted(SCHEDULES_NEWEST_FIRST)
			.skip(offset)
			.limit(limit)
			.toList();
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		Inputs.instant("getDueSchedules", "now", Inputs.present("getDueSchedules", "now", now));
		return this.schedules.values()
			.stream()
			.filter((schedule) -> schedule.status() == ScheduleStatus.ACTIVE && schedule.nextRunTime() != null
					&& !schedule.nextRunTime().isAfter(now))
			.sorted(Comparator.comparing(Schedule::nextRunTime).thenComparing(Schedule::scheduleId))
			.toList();
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		changeRunningRuns("addRunningRun", scheduleId, runId, Set::add);
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		changeRunningRuns("removeRunningRun", scheduleId, runId, Set::remove);
	}

	private void changeRunningRuns(String operation, String scheduleId, String runId,
			BiPredicate<Set<String>, String> change) {
		Inputs.id(operation, "scheduleId", scheduleId);
		Inputs.id(operation, "runId", runId);
		updateSchedule(operation, scheduleId, (current) -> {
			Set<String> running = new LinkedHashSet<>(current.runningRunIds());
			change.test(running, runId);
			return current.withRunningRunIds(List.copyOf(running), now());
		});
	}

	private void updateSchedule(String operation, String scheduleId, UnaryOperator<Schedule> change) {
		if (this.schedules.computeIfPresent(scheduleId, (id, schedule) -> change.apply(schedule)) == null) {
			throw new NotFoundException(operation, "schedule", scheduleId);
		}
	}

	// Lifecycle

	@Override
	public void checkHealth() {
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * Orders runs newest first on ({@code created_at}, {@code run_id}), as the SQL keyset does.
	 */
	private record RunKey(Instant createdAt, String runId) implements Comparable<RunKey> {

		@Override
		public int compareTo(RunKey other) {
			int byTime = other.createdAt.compareTo(this.createdAt);
			return (byTime != 0) ? byTime : other.runId.compareTo(this.runId);
		}

	}

	private record HookKey(String runId, String hookId) {
	}

}
