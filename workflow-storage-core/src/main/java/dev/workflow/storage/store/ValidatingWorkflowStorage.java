package dev.workflow.storage.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.support.ContinuationChain;
import dev.workflow.storage.support.Inputs;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The one implementation of the {@link WorkflowStorage} contract, over a backend's
 * {@link Stores}: it checks every argument before a store sees it, and turns what comes out of a
 * store into the public exceptions naming the {@link Operation}: a {@link Rejection}, a row that
 * cannot be decoded, and every failure of data access or of a transaction (a lost connection, a
 * failed rollback) as a {@link StorageAccessException}. Its {@link OperationObserver} surrounds
 * each operation, checks included, for timing and tracing.
 *
 * <p>
 * The backends ({@code InMemoryWorkflowStorage}, {@code PostgresWorkflowStorage},
 * {@code CitusWorkflowStorage}) only choose their stores.
 *
 * @since 0.2.0
 */
public class ValidatingWorkflowStorage implements WorkflowStorage {

	private final Stores stores;

	private final EventTypes eventTypes;

	// Volatile: set while wiring, before the storage is shared, but read by every call.
	private volatile OperationObserver observer = OperationObserver.NONE;

	/**
	 * A storage over the given stores.
	 * @param stores the backend's stores
	 * @param eventTypes the event types it records
	 */
	public ValidatingWorkflowStorage(Stores stores, EventTypes eventTypes) {
		this.stores = Objects.requireNonNull(stores, "stores");
		this.eventTypes = Objects.requireNonNull(eventTypes, "eventTypes");
	}

	/**
	 * Observes every operation from now on, its argument checks included, with {@code observer};
	 * meant to be called once while wiring, before the storage is shared. The health probes and
	 * {@link #backend()} are not observed.
	 * @param observer the observer, {@link OperationObserver#NONE} to observe nothing
	 */
	public void setOperationObserver(OperationObserver observer) {
		this.observer = Objects.requireNonNull(observer, "observer");
	}

	private <T> T observe(Operation operation, Function<Operation, T> body) {
		return this.observer.observe(operation, backend(), () -> body.apply(operation));
	}

	private void observeAction(Operation operation, Consumer<Operation> body) {
		this.observer.observe(operation, backend(), () -> {
			body.accept(operation);
			return null;
		});
	}

	// Runs

	@Override
	public void createRun(WorkflowRun run) {
		observeAction(Operation.CREATE_RUN, (operation) -> {
			Inputs.run(operation, run);
			run(operation, ofRun(run.runId()), () -> this.stores.runs().insert(run));
		});
	}

	@Override
	public Optional<WorkflowRun> getRun(String runId) {
		return observe(Operation.GET_RUN, (operation) -> findRun(operation, runId));
	}

	private Optional<WorkflowRun> findRun(Operation operation, String runId) {
		Inputs.id(operation, "runId", runId);
		return call(operation, ofRun(runId), () -> this.stores.runs().find(runId));
	}

	@Override
	public Optional<WorkflowRun> getRunByIdempotencyKey(String idempotencyKey) {
		return observe(Operation.GET_RUN_BY_IDEMPOTENCY_KEY, (operation) -> {
			Inputs.id(operation, "idempotencyKey", idempotencyKey);
			return call(operation, "idempotency key " + WorkflowStorageException.quote(idempotencyKey),
					() -> this.stores.runs().findByIdempotencyKey(idempotencyKey));
		});
	}

	@Override
	public void updateRunStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		observeAction(Operation.UPDATE_RUN_STATUS, (operation) -> {
			Inputs.statusChange(operation, "runId", runId, status, result, error);
			run(operation, ofRun(runId), () -> this.stores.runs().updateStatus(runId, status, result, error));
		});
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		return observe(Operation.TRY_CLAIM_RUN, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.present(operation, "fromStatus", fromStatus);
			Inputs.present(operation, "toStatus", toStatus);
			return call(operation, ofRun(runId), () -> this.stores.runs().claim(runId, fromStatus, toStatus));
		});
	}

	@Override
	public void updateRunRecoveryAttempts(String runId, int recoveryAttempts) {
		observeAction(Operation.UPDATE_RUN_RECOVERY_ATTEMPTS, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.notNegative(operation, "recoveryAttempts", recoveryAttempts);
			run(operation, ofRun(runId), () -> this.stores.runs().updateRecoveryAttempts(runId, recoveryAttempts));
		});
	}

	@Override
	public void updateRunContext(String runId, String context) {
		observeAction(Operation.UPDATE_RUN_CONTEXT, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.jsonObject(operation, "context", context);
			run(operation, ofRun(runId), () -> this.stores.runs().updateContext(runId, context));
		});
	}

	@Override
	public String getRunContext(String runId) {
		return observe(Operation.GET_RUN_CONTEXT, (operation) -> findRun(operation, runId).map(WorkflowRun::context).orElse("{}"));
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		return observe(Operation.LIST_RUNS, (operation) -> {
			Inputs.runFilter(operation, filter);
			return call(operation, "runs", () -> this.stores.runs().list(filter));
		});
	}

	@Override
	public RunSummaryPage listRunSummaries(RunFilter filter) {
		return observe(Operation.LIST_RUN_SUMMARIES, (operation) -> {
			Inputs.runFilter(operation, filter);
			return call(operation, "runs", () -> this.stores.runs().listSummaries(filter));
		});
	}

	@Override
	public RunCounts countRuns(@Nullable Instant createdFrom, @Nullable Instant createdBefore) {
		return observe(Operation.COUNT_RUNS, (operation) -> {
			Inputs.instant(operation, "createdFrom", createdFrom);
			Inputs.instant(operation, "createdBefore", createdBefore);
			return call(operation, "runs", () -> this.stores.runs().count(createdFrom, createdBefore));
		});
	}

	@Override
	public void updateRunContinuation(String runId, String continuedToRunId) {
		observeAction(Operation.UPDATE_RUN_CONTINUATION, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.id(operation, "continuedToRunId", continuedToRunId);
			run(operation, ofRun(runId), () -> this.stores.runs().updateContinuation(runId, continuedToRunId));
		});
	}

	@Override
	public List<WorkflowRun> getWorkflowChain(String runId) {
		return observe(Operation.GET_WORKFLOW_CHAIN, (operation) -> {
			Inputs.id(operation, "runId", runId);
			RunStore runs = this.stores.runs();
			return call(operation, ofRun(runId),
					() -> ContinuationChain.collect(runId, (id) -> runs.find(id).orElse(null)));
		});
	}

	@Override
	public List<WorkflowRun> getChildren(String parentRunId, @Nullable RunStatus status) {
		return observe(Operation.GET_CHILDREN, (operation) -> {
			Inputs.id(operation, "parentRunId", parentRunId);
			return call(operation, ofRun(parentRunId), () -> this.stores.runs().children(parentRunId, status));
		});
	}

	@Override
	public Optional<WorkflowRun> getParent(String runId) {
		return observe(Operation.GET_PARENT, (operation) -> {
			Inputs.id(operation, "runId", runId);
			RunStore runs = this.stores.runs();
			return call(operation, ofRun(runId),
					() -> runs.find(runId).map(WorkflowRun::parentRunId).flatMap(runs::find));
		});
	}

	@Override
	public int getNestingDepth(String runId) {
		return observe(Operation.GET_NESTING_DEPTH, (operation) -> findRun(operation, runId).map(WorkflowRun::nestingDepth).orElse(0));
	}

	// Event log

	@Override
	public int recordEvent(Event event) {
		return observe(Operation.RECORD_EVENT, (operation) -> {
			Inputs.event(operation, event, this.eventTypes);
			return call(operation, ofRun(event.runId()), () -> this.stores.events().append(event));
		});
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		return observe(Operation.RECORD_EVENTS, (operation) -> {
			Inputs.eventsOfRun(operation, runId, events, this.eventTypes);
			return call(operation, ofRun(runId), () -> this.stores.events().appendAll(runId, events));
		});
	}

	@Override
	public List<Event> getEvents(String runId, @Nullable Collection<String> types) {
		return observe(Operation.GET_EVENTS, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.types(operation, types);
			return call(operation, ofRun(runId), () -> this.stores.events().find(runId, types));
		});
	}

	@Override
	public Optional<Event> getLatestEvent(String runId, @Nullable String type) {
		return observe(Operation.GET_LATEST_EVENT, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.text(operation, "type", type);
			return call(operation, ofRun(runId), () -> this.stores.events().findLatest(runId, type));
		});
	}

	@Override
	public boolean hasEvent(String runId, String type, Map<String, String> dataFilters) {
		return observe(Operation.HAS_EVENT, (operation) -> {
			Inputs.id(operation, "runId", runId);
			Inputs.id(operation, "type", type);
			Inputs.filters(operation, dataFilters);
			return call(operation, ofRun(runId), () -> this.stores.events().exists(runId, type, dataFilters));
		});
	}

	// Steps

	@Override
	public void createStep(Step step) {
		observeAction(Operation.CREATE_STEP, (operation) -> {
			Inputs.step(operation, step);
			run(operation, ofStep(step.stepId()), () -> this.stores.steps().insert(step));
		});
	}

	@Override
	public Optional<Step> getStep(String stepId) {
		return observe(Operation.GET_STEP, (operation) -> {
			Inputs.id(operation, "stepId", stepId);
			return call(operation, ofStep(stepId), () -> this.stores.steps().find(stepId));
		});
	}

	@Override
	public void updateStepStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		observeAction(Operation.UPDATE_STEP_STATUS, (operation) -> {
			Inputs.statusChange(operation, "stepId", stepId, status, result, error);
			run(operation, ofStep(stepId), () -> this.stores.steps().updateStatus(stepId, status, result, error));
		});
	}

	@Override
	public List<Step> listSteps(String runId) {
		return observe(Operation.LIST_STEPS, (operation) -> {
			Inputs.id(operation, "runId", runId);
			return call(operation, ofRun(runId), () -> this.stores.steps().list(runId));
		});
	}

	// Hooks

	@Override
	public void createHook(Hook hook) {
		observeAction(Operation.CREATE_HOOK, (operation) -> {
			Inputs.hook(operation, hook);
			run(operation, ofHook(hook.hookId()), () -> this.stores.hooks().insert(hook));
		});
	}

	@Override
	public Optional<Hook> getHook(String hookId, @Nullable String runId) {
		return observe(Operation.GET_HOOK, (operation) -> {
			Inputs.id(operation, "hookId", hookId);
			Inputs.optionalId(operation, "runId", runId);
			return call(operation, ofHook(hookId), () -> this.stores.hooks().find(hookId, runId));
		});
	}

	@Override
	public Optional<Hook> getHookByToken(String token) {
		return observe(Operation.GET_HOOK_BY_TOKEN, (operation) -> {
			Inputs.id(operation, "token", token);
			return call(operation, "hook token " + WorkflowStorageException.quote(token),
					() -> this.stores.hooks().findByToken(token));
		});
	}

	@Override
	public void updateHookStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		observeAction(Operation.UPDATE_HOOK_STATUS, (operation) -> {
			Inputs.id(operation, "hookId", hookId);
			Inputs.present(operation, "status", status);
			Inputs.text(operation, "payload", payload);
			Inputs.optionalId(operation, "runId", runId);
			run(operation, ofHook(hookId), () -> this.stores.hooks().updateStatus(hookId, status, payload, runId));
		});
	}

	@Override
	public List<Hook> listHooks(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		return observe(Operation.LIST_HOOKS, (operation) -> {
			Inputs.page(operation, limit, offset);
			Inputs.optionalId(operation, "runId", runId);
			return call(operation, "hooks", () -> this.stores.hooks().list(runId, status, limit, offset));
		});
	}

	// Cancellation flags

	@Override
	public void setCancellationFlag(String runId) {
		observeAction(Operation.SET_CANCELLATION_FLAG, (operation) -> {
			Inputs.id(operation, "runId", runId);
			run(operation, ofRun(runId), () -> this.stores.cancellationFlags().set(runId));
		});
	}

	@Override
	public boolean checkCancellationFlag(String runId) {
		return observe(Operation.CHECK_CANCELLATION_FLAG, (operation) -> {
			Inputs.id(operation, "runId", runId);
			return call(operation, ofRun(runId),
					() -> this.stores.cancellationFlags().isSet(runId));
		});
	}

	@Override
	public void clearCancellationFlag(String runId) {
		observeAction(Operation.CLEAR_CANCELLATION_FLAG, (operation) -> {
			Inputs.id(operation, "runId", runId);
			run(operation, ofRun(runId), () -> this.stores.cancellationFlags().clear(runId));
		});
	}

	// Schedules

	@Override
	public void createSchedule(Schedule schedule) {
		observeAction(Operation.CREATE_SCHEDULE, (operation) -> {
			Inputs.schedule(operation, schedule);
			run(operation, ofSchedule(schedule.scheduleId()),
					() -> this.stores.schedules().insert(schedule));
		});
	}

	@Override
	public Optional<Schedule> getSchedule(String scheduleId) {
		return observe(Operation.GET_SCHEDULE, (operation) -> {
			Inputs.id(operation, "scheduleId", scheduleId);
			return call(operation, ofSchedule(scheduleId), () -> this.stores.schedules().find(scheduleId));
		});
	}

	@Override
	public void updateSchedule(Schedule schedule) {
		observeAction(Operation.UPDATE_SCHEDULE, (operation) -> {
			Inputs.schedule(operation, schedule);
			run(operation, ofSchedule(schedule.scheduleId()),
					() -> this.stores.schedules().update(schedule));
		});
	}

	@Override
	public void deleteSchedule(String scheduleId) {
		observeAction(Operation.DELETE_SCHEDULE, (operation) -> {
			Inputs.id(operation, "scheduleId", scheduleId);
			run(operation, ofSchedule(scheduleId), () -> this.stores.schedules().delete(scheduleId));
		});
	}

	@Override
	public List<Schedule> listSchedules(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset) {
		return observe(Operation.LIST_SCHEDULES, (operation) -> {
			Inputs.page(operation, limit, offset);
			Inputs.text(operation, "workflowName", workflowName);
			return call(operation, "schedules", () -> this.stores.schedules().list(workflowName, status, limit, offset));
		});
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		return observe(Operation.GET_DUE_SCHEDULES, (operation) -> {
			Inputs.instant(operation, "now", Inputs.present(operation, "now", now));
			return call(operation, "schedules", () -> this.stores.schedules().findDue(now));
		});
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		observeAction(Operation.ADD_RUNNING_RUN, (operation) -> {
			Inputs.id(operation, "scheduleId", scheduleId);
			Inputs.id(operation, "runId", runId);
			run(operation, ofSchedule(scheduleId), () -> this.stores.schedules().addRunningRun(scheduleId, runId));
		});
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		observeAction(Operation.REMOVE_RUNNING_RUN, (operation) -> {
			Inputs.id(operation, "scheduleId", scheduleId);
			Inputs.id(operation, "runId", runId);
			run(operation, ofSchedule(scheduleId), () -> this.stores.schedules().removeRunningRun(scheduleId, runId));
		});
	}

	// Streams and signals

	@Override
	public void createStream(String streamId, @Nullable String metadata) {
		observeAction(Operation.CREATE_STREAM, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			if (metadata != null) {
				Inputs.jsonbObject(operation, "metadata", metadata);
			}
			run(operation, ofStream(streamId), () -> this.stores.streams().insertStream(streamId, metadata));
		});
	}

	@Override
	public Optional<SignalStream> getStream(String streamId) {
		return observe(Operation.GET_STREAM, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			return call(operation, ofStream(streamId), () -> this.stores.streams().findStream(streamId));
		});
	}

	@Override
	public int publishSignal(NewSignal signal) {
		return observe(Operation.PUBLISH_SIGNAL, (operation) -> {
			Inputs.signal(operation, signal);
			return call(operation, ofStream(signal.streamId()), () -> this.stores.streams().publish(signal));
		});
	}

	@Override
	public List<Signal> getSignals(String streamId, int fromSequence, int limit) {
		return observe(Operation.GET_SIGNALS, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.limit(operation, "limit", limit);
			return call(operation, ofStream(streamId), () -> this.stores.streams().signals(streamId, fromSequence, limit));
		});
	}

	@Override
	public List<Signal> queryStreamSignals(SignalQuery query) {
		return observe(Operation.QUERY_STREAM_SIGNALS, (operation) -> {
			Inputs.signalQuery(operation, query);
			return call(operation, ofStream(query.streamId()), () -> this.stores.streams().query(query));
		});
	}

	@Override
	public void acknowledgeSignal(String signalId, String stepRunId) {
		observeAction(Operation.ACKNOWLEDGE_SIGNAL, (operation) -> {
			Inputs.id(operation, "signalId", signalId);
			Inputs.id(operation, "stepRunId", stepRunId);
			run(operation, "signal " + WorkflowStorageException.quote(signalId),
					() -> this.stores.streams().acknowledge(signalId, stepRunId));
		});
	}

	@Override
	public List<Signal> getPendingSignals(String streamId, String stepRunId) {
		return observe(Operation.GET_PENDING_SIGNALS, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.id(operation, "stepRunId", stepRunId);
			return call(operation, ofSubscription(streamId, stepRunId), () -> this.stores.subscriptions()
				.find(streamId, stepRunId)
				.map(StreamSubscription::signalTypes)
				.filter((types) -> !types.isEmpty())
				.map((types) -> this.stores.streams().unacknowledged(streamId, types, stepRunId))
				.orElse(List.of()));
		});
	}

	// Stream subscriptions

	@Override
	public void registerStreamSubscription(String streamId, String stepRunId, List<String> signalTypes,
			@Nullable String streamRunId) {
		observeAction(Operation.REGISTER_STREAM_SUBSCRIPTION, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.id(operation, "stepRunId", stepRunId);
			Inputs.signalTypes(operation, signalTypes);
			Inputs.streamRunId(operation, "streamRunId", streamRunId);
			run(operation, ofSubscription(streamId, stepRunId),
					() -> this.stores.subscriptions().register(streamId, stepRunId, signalTypes, streamRunId));
		});
	}

	@Override
	public List<StreamSubscription> getWaitingSteps(String streamId, String signalType, @Nullable String streamRunId) {
		return observe(Operation.GET_WAITING_STEPS, (operation) -> subscriptionsTo(operation, streamId, signalType,
				streamRunId, (subscription) -> subscription.status().isWaiting()));
	}

	@Override
	public List<StreamSubscription> getSubscriptionsForStream(String streamId, String signalType,
			@Nullable String streamRunId) {
		return observe(Operation.GET_SUBSCRIPTIONS_FOR_STREAM,
				(operation) -> subscriptionsTo(operation, streamId, signalType, streamRunId, (subscription) -> true));
	}

	// pyworkflow selects a stream's subscriptions and keeps those whose types hold the type: the
	// types are a jsonb array no index reaches, and a stream has few subscriptions.
	private List<StreamSubscription> subscriptionsTo(Operation operation, String streamId, String signalType,
			@Nullable String streamRunId, Predicate<StreamSubscription> status) {
		Inputs.id(operation, "streamId", streamId);
		Inputs.id(operation, "signalType", signalType);
		Inputs.streamRunId(operation, "streamRunId", streamRunId);
		return call(operation, ofStream(streamId), () -> this.stores.subscriptions()
			.list(streamId, streamRunId)
			.stream()
			.filter((subscription) -> subscription.signalTypes().contains(signalType) && status.test(subscription))
			.toList());
	}

	@Override
	public List<StreamSubscription> getSubscriptionStates(String streamId, @Nullable String streamRunId) {
		return observe(Operation.GET_SUBSCRIPTION_STATES, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.streamRunId(operation, "streamRunId", streamRunId);
			return call(operation, ofStream(streamId), () -> this.stores.subscriptions().list(streamId, streamRunId));
		});
	}

	@Override
	public void updateSubscriptionStatus(String streamId, String stepRunId, SubscriptionStatus status) {
		observeAction(Operation.UPDATE_SUBSCRIPTION_STATUS, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.id(operation, "stepRunId", stepRunId);
			Inputs.present(operation, "status", status);
			run(operation, ofSubscription(streamId, stepRunId),
					() -> this.stores.subscriptions().updateStatus(streamId, stepRunId, status));
		});
	}

	@Override
	public void setSubscriptionResult(String streamId, String stepRunId, String result) {
		observeAction(Operation.SET_SUBSCRIPTION_RESULT, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.id(operation, "stepRunId", stepRunId);
			Inputs.jsonbValue(operation, "result", result);
			run(operation, ofSubscription(streamId, stepRunId),
					() -> this.stores.subscriptions().updateResult(streamId, stepRunId, result));
		});
	}

	@Override
	public int setStreamParentLink(String streamId, String streamRunId, StreamParentLink link) {
		return observe(Operation.SET_STREAM_PARENT_LINK, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.streamRunId(operation, "streamRunId", Inputs.id(operation, "streamRunId", streamRunId));
			Inputs.parentLink(operation, link);
			return call(operation, ofStream(streamId),
					() -> this.stores.subscriptions().link(streamId, streamRunId, link));
		});
	}

	@Override
	public Optional<StreamParentLink> getStreamParentLink(String streamId, String streamRunId) {
		return observe(Operation.GET_STREAM_PARENT_LINK, (operation) -> {
			Inputs.id(operation, "streamId", streamId);
			Inputs.streamRunId(operation, "streamRunId", Inputs.id(operation, "streamRunId", streamRunId));
			return call(operation, ofStream(streamId),
					() -> this.stores.subscriptions().findLink(streamId, streamRunId));
		});
	}

	// Scheduled signals

	@Override
	public String scheduleSignal(NewScheduledSignal signal) {
		return observe(Operation.SCHEDULE_SIGNAL, (operation) -> {
			Inputs.scheduledSignal(operation, signal);
			return call(operation, ofStream(signal.streamId()), () -> this.stores.scheduledSignals().insert(signal));
		});
	}

	@Override
	public List<ScheduledSignal> fetchDueScheduledSignals(Instant now, int limit) {
		return observe(Operation.FETCH_DUE_SCHEDULED_SIGNALS, (operation) -> {
			Inputs.instant(operation, "now", Inputs.present(operation, "now", now));
			Inputs.limit(operation, "limit", limit);
			return call(operation, "scheduled signals", () -> this.stores.scheduledSignals().findDue(now, limit));
		});
	}

	@Override
	public boolean markScheduledSignalDelivered(String id) {
		return observe(Operation.MARK_SCHEDULED_SIGNAL_DELIVERED, (operation) -> {
			Inputs.id(operation, "id", id);
			return call(operation, "scheduled signal " + WorkflowStorageException.quote(id),
					() -> this.stores.scheduledSignals().markDelivered(id));
		});
	}

	// Checkpoints

	@Override
	public void saveCheckpoint(String stepRunId, String data) {
		observeAction(Operation.SAVE_CHECKPOINT, (operation) -> {
			Inputs.id(operation, "stepRunId", stepRunId);
			Inputs.jsonbObject(operation, "data", data);
			run(operation, ofCheckpoint(stepRunId), () -> this.stores.checkpoints().save(stepRunId, data));
		});
	}

	@Override
	public Optional<Checkpoint> loadCheckpoint(String stepRunId) {
		return observe(Operation.LOAD_CHECKPOINT, (operation) -> {
			Inputs.id(operation, "stepRunId", stepRunId);
			return call(operation, ofCheckpoint(stepRunId), () -> this.stores.checkpoints().find(stepRunId));
		});
	}

	@Override
	public void deleteCheckpoint(String stepRunId) {
		observeAction(Operation.DELETE_CHECKPOINT, (operation) -> {
			Inputs.id(operation, "stepRunId", stepRunId);
			run(operation, ofCheckpoint(stepRunId), () -> this.stores.checkpoints().delete(stepRunId));
		});
	}

	// Retention

	@Override
	public RetentionPass deleteOldRuns(Instant olderThan, int batchSize) {
		return observe(Operation.DELETE_OLD_RUNS, (operation) -> {
			Inputs.instant(operation, "olderThan", Inputs.present(operation, "olderThan", olderThan));
			Inputs.limit(operation, "batchSize", batchSize);
			return call(operation, "runs", () -> this.stores.retention().deleteOldRuns(olderThan, batchSize));
		});
	}

	// Lifecycle

	@Override
	public void checkHealth() {
		health();
	}

	@Override
	public StorageHealth health() {
		return call(Operation.CHECK_HEALTH, this.stores.backend(), this.stores.health());
	}

	@Override
	public String backend() {
		return this.stores.backend();
	}

	private static String ofRun(String runId) {
		return "run " + WorkflowStorageException.quote(runId);
	}

	private static String ofStep(String stepId) {
		return "step " + WorkflowStorageException.quote(stepId);
	}

	private static String ofHook(String hookId) {
		return "hook " + WorkflowStorageException.quote(hookId);
	}

	private static String ofSchedule(String scheduleId) {
		return "schedule " + WorkflowStorageException.quote(scheduleId);
	}

	private static String ofStream(String streamId) {
		return "stream " + WorkflowStorageException.quote(streamId);
	}

	private static String ofSubscription(String streamId, String stepRunId) {
		return "subscription of step run " + WorkflowStorageException.quote(stepRunId) + " to stream "
				+ WorkflowStorageException.quote(streamId);
	}

	private static String ofCheckpoint(String stepRunId) {
		return "checkpoint of step run " + WorkflowStorageException.quote(stepRunId);
	}

	private static void run(Operation operation, String subject, Runnable action) {
		call(operation, subject, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs one store action, turning a {@link Rejection} into the public exception it stands for,
	 * and a failure of data access or of a transaction into a {@link StorageAccessException}
	 * naming the operation and what it concerned.
	 * @param <T> the result type
	 * @param operation the operation
	 * @param subject what the operation concerned, such as {@code step 'x'}
	 * @param action the action
	 * @return its result
	 */
	private static <T> T call(Operation operation, String subject, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (Rejection ex) {
			throw ex.in(operation);
		}
		catch (DataAccessException | TransactionException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			throw new StorageAccessException(operation, "failed for " + subject + ": " + cause.getMessage(), ex);
		}
	}

}
