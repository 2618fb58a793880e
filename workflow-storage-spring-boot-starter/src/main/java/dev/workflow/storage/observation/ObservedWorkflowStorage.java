package dev.workflow.storage.observation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageHealth;
import dev.workflow.storage.WorkflowStorage;
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
import dev.workflow.storage.store.OperationObserver;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WorkflowStorage} that observes every operation of another one, for a storage that is
 * not one of this library's backends (those take an {@link OperationObserver} themselves): by
 * default with the Micrometer Observation API, through an {@link ObservationOperationObserver}.
 *
 * <p>
 * The health probes {@link #checkHealth()} and {@link #health()}, and {@link #backend()}, are
 * passed on unobserved: a probe every few seconds would swamp the timings of real work.
 *
 * @since 0.2.0
 */
public final class ObservedWorkflowStorage implements WorkflowStorage {

	private final WorkflowStorage delegate;

	private final OperationObserver observer;

	private final String backend;

	/**
	 * A storage that observes {@code delegate}'s operations with the default convention.
	 * @param delegate the storage observed
	 * @param registry the registry observations are made in
	 */
	public ObservedWorkflowStorage(WorkflowStorage delegate, ObservationRegistry registry) {
		this(delegate, new ObservationOperationObserver(registry));
	}

	/**
	 * A storage that observes {@code delegate}'s operations with {@code observer}.
	 * @param delegate the storage observed
	 * @param observer the observer, such as an {@link ObservationOperationObserver}
	 */
	public ObservedWorkflowStorage(WorkflowStorage delegate, OperationObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
		this.backend = delegate.backend();
	}

	/**
	 * The storage observed, for what only its own type offers.
	 * @return the storage
	 */
	public WorkflowStorage getDelegate() {
		return this.delegate;
	}

	private <T> T observe(Operation operation, Supplier<T> call) {
		return this.observer.observe(operation, this.backend, call);
	}

	private void observe(Operation operation, Runnable call) {
		this.observer.observe(operation, this.backend, () -> {
			call.run();
			return null;
		});
	}

	@Override
	public void createRun(WorkflowRun run) {
		observe(Operation.CREATE_RUN, () -> this.delegate.createRun(run));
	}

	@Override
	public Optional<WorkflowRun> getRun(String runId) {
		return observe(Operation.GET_RUN, () -> this.delegate.getRun(runId));
	}

	@Override
	public Optional<WorkflowRun> getRunByIdempotencyKey(String idempotencyKey) {
		return observe(Operation.GET_RUN_BY_IDEMPOTENCY_KEY, () -> this.delegate.getRunByIdempotencyKey(idempotencyKey));
	}

	@Override
	public void updateRunStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error) {
		observe(Operation.UPDATE_RUN_STATUS, () -> this.delegate.updateRunStatus(runId, status, result, error));
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		return observe(Operation.TRY_CLAIM_RUN, () -> this.delegate.tryClaimRun(runId, fromStatus, toStatus));
	}

	@Override
	public void updateRunRecoveryAttempts(String runId, int recoveryAttempts) {
		observe(Operation.UPDATE_RUN_RECOVERY_ATTEMPTS,
				() -> this.delegate.updateRunRecoveryAttempts(runId, recoveryAttempts));
	}

	@Override
	public void updateRunContext(String runId, String context) {
		observe(Operation.UPDATE_RUN_CONTEXT, () -> this.delegate.updateRunContext(runId, context));
	}

	@Override
	public String getRunContext(String runId) {
		return observe(Operation.GET_RUN_CONTEXT, () -> this.delegate.getRunContext(runId));
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		return observe(Operation.LIST_RUNS, () -> this.delegate.listRuns(filter));
	}

	@Override
	public RunSummaryPage listRunSummaries(RunFilter filter) {
		return observe(Operation.LIST_RUN_SUMMARIES, () -> this.delegate.listRunSummaries(filter));
	}

	@Override
	public RunCounts countRuns(@Nullable Instant createdFrom, @Nullable Instant createdBefore) {
		return observe(Operation.COUNT_RUNS, () -> this.delegate.countRuns(createdFrom, createdBefore));
	}

	@Override
	public void updateRunContinuation(String runId, String continuedToRunId) {
		observe(Operation.UPDATE_RUN_CONTINUATION, () -> this.delegate.updateRunContinuation(runId, continuedToRunId));
	}

	@Override
	public List<WorkflowRun> getWorkflowChain(String runId) {
		return observe(Operation.GET_WORKFLOW_CHAIN, () -> this.delegate.getWorkflowChain(runId));
	}

	@Override
	public List<WorkflowRun> getChildren(String parentRunId, @Nullable RunStatus status) {
		return observe(Operation.GET_CHILDREN, () -> this.delegate.getChildren(parentRunId, status));
	}

	@Override
	public Optional<WorkflowRun> getParent(String runId) {
		return observe(Operation.GET_PARENT, () -> this.delegate.getParent(runId));
	}

	@Override
	public int getNestingDepth(String runId) {
		return observe(Operation.GET_NESTING_DEPTH, () -> this.delegate.getNestingDepth(runId));
	}

	@Override
	public int recordEvent(Event event) {
		return observe(Operation.RECORD_EVENT, () -> this.delegate.recordEvent(event));
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		return observe(Operation.RECORD_EVENTS, () -> this.delegate.recordEvents(runId, events));
	}

	@Override
	public List<Event> getEvents(String runId, @Nullable Collection<String> types) {
		return observe(Operation.GET_EVENTS, () -> this.delegate.getEvents(runId, types));
	}

	// The delegate's own overload, if it has one, rather than the interface's default.
	@Override
	public List<Event> getEvents(String runId) {
		return observe(Operation.GET_EVENTS, () -> this.delegate.getEvents(runId));
	}

	@Override
	public Optional<Event> getLatestEvent(String runId, @Nullable String type) {
		return observe(Operation.GET_LATEST_EVENT, () -> this.delegate.getLatestEvent(runId, type));
	}

	@Override
	public boolean hasEvent(String runId, String type, Map<String, String> dataFilters) {
		return observe(Operation.HAS_EVENT, () -> this.delegate.hasEvent(runId, type, dataFilters));
	}

	@Override
	public void createStep(Step step) {
		observe(Operation.CREATE_STEP, () -> this.delegate.createStep(step));
	}

	@Override
	public Optional<Step> getStep(String stepId) {
		return observe(Operation.GET_STEP, () -> this.delegate.getStep(stepId));
	}

	@Override
	public void updateStepStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error) {
		observe(Operation.UPDATE_STEP_STATUS, () -> this.delegate.updateStepStatus(stepId, status, result, error));
	}

	@Override
	public List<Step> listSteps(String runId) {
		return observe(Operation.LIST_STEPS, () -> this.delegate.listSteps(runId));
	}

	@Override
	public void createHook(Hook hook) {
		observe(Operation.CREATE_HOOK, () -> this.delegate.createHook(hook));
	}

	@Override
	public Optional<Hook> getHook(String hookId, @Nullable String runId) {
		return observe(Operation.GET_HOOK, () -> this.delegate.getHook(hookId, runId));
	}

	@Override
	public Optional<Hook> getHookByToken(String token) {
		return observe(Operation.GET_HOOK_BY_TOKEN, () -> this.delegate.getHookByToken(token));
	}

	@Override
	public void updateHookStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId) {
		observe(Operation.UPDATE_HOOK_STATUS, () -> this.delegate.updateHookStatus(hookId, status, payload, runId));
	}

	@Override
	public List<Hook> listHooks(@Nullable String runId, @Nullable HookStatus status, int limit, int offset) {
		return observe(Operation.LIST_HOOKS, () -> this.delegate.listHooks(runId, status, limit, offset));
	}

	@Override
	public void setCancellationFlag(String runId) {
		observe(Operation.SET_CANCELLATION_FLAG, () -> this.delegate.setCancellationFlag(runId));
	}

	@Override
	public boolean checkCancellationFlag(String runId) {
		return observe(Operation.CHECK_CANCELLATION_FLAG, () -> this.delegate.checkCancellationFlag(runId));
	}

	@Override
	public void clearCancellationFlag(String runId) {
		observe(Operation.CLEAR_CANCELLATION_FLAG, () -> this.delegate.clearCancellationFlag(runId));
	}

	@Override
	public void createSchedule(Schedule schedule) {
		observe(Operation.CREATE_SCHEDULE, () -> this.delegate.createSchedule(schedule));
	}

	@Override
	public Optional<Schedule> getSchedule(String scheduleId) {
		return observe(Operation.GET_SCHEDULE, () -> this.delegate.getSchedule(scheduleId));
	}

	@Override
	public void updateSchedule(Schedule schedule) {
		observe(Operation.UPDATE_SCHEDULE, () -> this.delegate.updateSchedule(schedule));
	}

	@Override
	public void deleteSchedule(String scheduleId) {
		observe(Operation.DELETE_SCHEDULE, () -> this.delegate.deleteSchedule(scheduleId));
	}

	@Override
	public List<Schedule> listSchedules(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset) {
		return observe(Operation.LIST_SCHEDULES, () -> this.delegate.listSchedules(workflowName, status, limit, offset));
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		return observe(Operation.GET_DUE_SCHEDULES, () -> this.delegate.getDueSchedules(now));
	}

	@Override
	public void addRunningRun(String scheduleId, String runId) {
		observe(Operation.ADD_RUNNING_RUN, () -> this.delegate.addRunningRun(scheduleId, runId));
	}

	@Override
	public void removeRunningRun(String scheduleId, String runId) {
		observe(Operation.REMOVE_RUNNING_RUN, () -> this.delegate.removeRunningRun(scheduleId, runId));
	}

	@Override
	public void createStream(String streamId, @Nullable String metadata) {
		observe(Operation.CREATE_STREAM, () -> this.delegate.createStream(streamId, metadata));
	}

	@Override
	public Optional<SignalStream> getStream(String streamId) {
		return observe(Operation.GET_STREAM, () -> this.delegate.getStream(streamId));
	}

	@Override
	public int publishSignal(NewSignal signal) {
		return observe(Operation.PUBLISH_SIGNAL, () -> this.delegate.publishSignal(signal));
	}

	@Override
	public List<Signal> getSignals(String streamId, int fromSequence, int limit) {
		return observe(Operation.GET_SIGNALS, () -> this.delegate.getSignals(streamId, fromSequence, limit));
	}

	@Override
	public List<Signal> queryStreamSignals(SignalQuery query) {
		return observe(Operation.QUERY_STREAM_SIGNALS, () -> this.delegate.queryStreamSignals(query));
	}

	@Override
	public void acknowledgeSignal(String signalId, String stepRunId) {
		observe(Operation.ACKNOWLEDGE_SIGNAL, () -> this.delegate.acknowledgeSignal(signalId, stepRunId));
	}

	@Override
	public List<Signal> getPendingSignals(String streamId, String stepRunId) {
		return observe(Operation.GET_PENDING_SIGNALS, () -> this.delegate.getPendingSignals(streamId, stepRunId));
	}

	@Override
	public void registerStreamSubscription(String streamId, String stepRunId, List<String> signalTypes,
			@Nullable String streamRunId) {
		observe(Operation.REGISTER_STREAM_SUBSCRIPTION,
				() -> this.delegate.registerStreamSubscription(streamId, stepRunId, signalTypes, streamRunId));
	}

	@Override
	public List<StreamSubscription> getWaitingSteps(String streamId, String signalType, @Nullable String streamRunId) {
		return observe(Operation.GET_WAITING_STEPS,
				() -> this.delegate.getWaitingSteps(streamId, signalType, streamRunId));
	}

	@Override
	public List<StreamSubscription> getSubscriptionsForStream(String streamId, String signalType,
			@Nullable String streamRunId) {
		return observe(Operation.GET_SUBSCRIPTIONS_FOR_STREAM,
				() -> this.delegate.getSubscriptionsForStream(streamId, signalType, streamRunId));
	}

	@Override
	public List<StreamSubscription> getSubscriptionStates(String streamId, @Nullable String streamRunId) {
		return observe(Operation.GET_SUBSCRIPTION_STATES, () -> this.delegate.getSubscriptionStates(streamId, streamRunId));
	}

	@Override
	public void updateSubscriptionStatus(String streamId, String stepRunId, SubscriptionStatus status) {
		observe(Operation.UPDATE_SUBSCRIPTION_STATUS,
				() -> this.delegate.updateSubscriptionStatus(streamId, stepRunId, status));
	}

	@Override
	public void setSubscriptionResult(String streamId, String stepRunId, String result) {
		observe(Operation.SET_SUBSCRIPTION_RESULT, () -> this.delegate.setSubscriptionResult(streamId, stepRunId, result));
	}

	@Override
	public int setStreamParentLink(String streamId, String streamRunId, StreamParentLink link) {
		return observe(Operation.SET_STREAM_PARENT_LINK,
				() -> this.delegate.setStreamParentLink(streamId, streamRunId, link));
	}

	@Override
	public Optional<StreamParentLink> getStreamParentLink(String streamId, String streamRunId) {
		return observe(Operation.GET_STREAM_PARENT_LINK, () -> this.delegate.getStreamParentLink(streamId, streamRunId));
	}

	@Override
	public String scheduleSignal(NewScheduledSignal signal) {
		return observe(Operation.SCHEDULE_SIGNAL, () -> this.delegate.scheduleSignal(signal));
	}

	@Override
	public List<ScheduledSignal> fetchDueScheduledSignals(Instant now, int limit) {
		return observe(Operation.FETCH_DUE_SCHEDULED_SIGNALS, () -> this.delegate.fetchDueScheduledSignals(now, limit));
	}

	@Override
	public boolean markScheduledSignalDelivered(String id) {
		return observe(Operation.MARK_SCHEDULED_SIGNAL_DELIVERED, () -> this.delegate.markScheduledSignalDelivered(id));
	}

	@Override
	public void saveCheckpoint(String stepRunId, String data) {
		observe(Operation.SAVE_CHECKPOINT, () -> this.delegate.saveCheckpoint(stepRunId, data));
	}

	@Override
	public Optional<Checkpoint> loadCheckpoint(String stepRunId) {
		return observe(Operation.LOAD_CHECKPOINT, () -> this.delegate.loadCheckpoint(stepRunId));
	}

	@Override
	public void deleteCheckpoint(String stepRunId) {
		observe(Operation.DELETE_CHECKPOINT, () -> this.delegate.deleteCheckpoint(stepRunId));
	}

	@Override
	public RetentionPass deleteOldRuns(Instant olderThan) {
		return observe(Operation.DELETE_OLD_RUNS, () -> this.delegate.deleteOldRuns(olderThan));
	}

	@Override
	public RetentionPass deleteOldRuns(Instant olderThan, int batchSize) {
		return observe(Operation.DELETE_OLD_RUNS, () -> this.delegate.deleteOldRuns(olderThan, batchSize));
	}

	@Override
	public void checkHealth() {
		this.delegate.checkHealth();
	}

	@Override
	public StorageHealth health() {
		return this.delegate.health();
	}

	@Override
	public String backend() {
		return this.delegate.backend();
	}

	@Override
	public String toString() {
		return "ObservedWorkflowStorage[" + this.delegate + "]";
	}

}
