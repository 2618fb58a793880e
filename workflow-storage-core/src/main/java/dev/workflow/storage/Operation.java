package dev.workflow.storage;

/**
 * The operations of {@link WorkflowStorage}, as every {@link WorkflowStorageException} names
 * the one that failed.
 *
 * @since 0.2.0
 */
public enum Operation {

	/**
	 * {@link WorkflowStorage#createRun}.
	 */
	CREATE_RUN("createRun"),

	/**
	 * {@link WorkflowStorage#getRun}.
	 */
	GET_RUN("getRun"),

	/**
	 * {@link WorkflowStorage#getRunByIdempotencyKey}.
	 */
	GET_RUN_BY_IDEMPOTENCY_KEY("getRunByIdempotencyKey"),

	/**
	 * {@link WorkflowStorage#updateRunStatus}.
	 */
	UPDATE_RUN_STATUS("updateRunStatus"),

	/**
	 * {@link WorkflowStorage#tryClaimRun}.
	 */
	TRY_CLAIM_RUN("tryClaimRun"),

	/**
	 * {@link WorkflowStorage#updateRunRecoveryAttempts}.
	 */
	UPDATE_RUN_RECOVERY_ATTEMPTS("updateRunRecoveryAttempts"),

	/**
	 * {@link WorkflowStorage#updateRunContext}.
	 */
	UPDATE_RUN_CONTEXT("updateRunContext"),

	/**
	 * {@link WorkflowStorage#getRunContext}.
	 */
	GET_RUN_CONTEXT("getRunContext"),

	/**
	 * {@link WorkflowStorage#listRuns}.
	 */
	LIST_RUNS("listRuns"),

	/**
	 * {@link WorkflowStorage#listRunSummaries}.
	 */
	LIST_RUN_SUMMARIES("listRunSummaries"),

	/**
	 * {@link WorkflowStorage#countRuns}.
	 */
	COUNT_RUNS("countRuns"),

	/**
	 * {@link WorkflowStorage#updateRunContinuation}.
	 */
	UPDATE_RUN_CONTINUATION("updateRunContinuation"),

	/**
	 * {@link WorkflowStorage#getWorkflowChain}.
	 */
	GET_WORKFLOW_CHAIN("getWorkflowChain"),

	/**
	 * {@link WorkflowStorage#getChildren}.
	 */
	GET_CHILDREN("getChildren"),

	/**
	 * {@link WorkflowStorage#getParent}.
	 */
	GET_PARENT("getParent"),

	/**
	 * {@link WorkflowStorage#getNestingDepth}.
	 */
	GET_NESTING_DEPTH("getNestingDepth"),

	/**
	 * {@link WorkflowStorage#recordEvent}.
	 */
	RECORD_EVENT("recordEvent"),

	/**
	 * {@link WorkflowStorage#recordEvents}.
	 */
	RECORD_EVENTS("recordEvents"),

	/**
	 * {@link WorkflowStorage#getEvents}.
	 */
	GET_EVENTS("getEvents"),

	/**
	 * {@link WorkflowStorage#getLatestEvent}.
	 */
	GET_LATEST_EVENT("getLatestEvent"),

	/**
	 * {@link WorkflowStorage#hasEvent}.
	 */
	HAS_EVENT("hasEvent"),

	/**
	 * {@link WorkflowStorage#createStep}.
	 */
	CREATE_STEP("createStep"),

	/**
	 * {@link WorkflowStorage#getStep}.
	 */
	GET_STEP("getStep"),

	/**
	 * {@link WorkflowStorage#updateStepStatus}.
	 */
	UPDATE_STEP_STATUS("updateStepStatus"),

	/**
	 * {@link WorkflowStorage#listSteps}.
	 */
	LIST_STEPS("listSteps"),

	/**
	 * {@link WorkflowStorage#createHook}.
	 */
	CREATE_HOOK("createHook"),

	/**
	 * {@link WorkflowStorage#getHook}.
	 */
	GET_HOOK("getHook"),

	/**
	 * {@link WorkflowStorage#getHookByToken}.
	 */
	GET_HOOK_BY_TOKEN("getHookByToken"),

	/**
	 * {@link WorkflowStorage#updateHookStatus}.
	 */
	UPDATE_HOOK_STATUS("updateHookStatus"),

	/**
	 * {@link WorkflowStorage#listHooks}.
	 */
	LIST_HOOKS("listHooks"),

	/**
	 * {@link WorkflowStorage#setCancellationFlag}.
	 */
	SET_CANCELLATION_FLAG("setCancellationFlag"),

	/**
	 * {@link WorkflowStorage#checkCancellationFlag}.
	 */
	CHECK_CANCELLATION_FLAG("checkCancellationFlag"),

	/**
	 * {@link WorkflowStorage#clearCancellationFlag}.
	 */
	CLEAR_CANCELLATION_FLAG("clearCancellationFlag"),

	/**
	 * {@link WorkflowStorage#createSchedule}.
	 */
	CREATE_SCHEDULE("createSchedule"),

	/**
	 * {@link WorkflowStorage#getSchedule}.
	 */
	GET_SCHEDULE("getSchedule"),

	/**
	 * {@link WorkflowStorage#updateSchedule}.
	 */
	UPDATE_SCHEDULE("updateSchedule"),

	/**
	 * {@link WorkflowStorage#deleteSchedule}.
	 */
	DELETE_SCHEDULE("deleteSchedule"),

	/**
	 * {@link WorkflowStorage#listSchedules}.
	 */
	LIST_SCHEDULES("listSchedules"),

	/**
	 * {@link WorkflowStorage#getDueSchedules}.
	 */
	GET_DUE_SCHEDULES("getDueSchedules"),

	/**
	 * {@link WorkflowStorage#addRunningRun}.
	 */
	ADD_RUNNING_RUN("addRunningRun"),

	/**
	 * {@link WorkflowStorage#removeRunningRun}.
	 */
	REMOVE_RUNNING_RUN("removeRunningRun"),

	/**
	 * {@link WorkflowStorage#createStream}.
	 */
	CREATE_STREAM("createStream"),

	/**
	 * {@link WorkflowStorage#getStream}.
	 */
	GET_STREAM("getStream"),

	/**
	 * {@link WorkflowStorage#publishSignal}.
	 */
	PUBLISH_SIGNAL("publishSignal"),

	/**
	 * {@link WorkflowStorage#getSignals}.
	 */
	GET_SIGNALS("getSignals"),

	/**
	 * {@link WorkflowStorage#queryStreamSignals}.
	 */
	QUERY_STREAM_SIGNALS("queryStreamSignals"),

	/**
	 * {@link WorkflowStorage#acknowledgeSignal}.
	 */
	ACKNOWLEDGE_SIGNAL("acknowledgeSignal"),

	/**
	 * {@link WorkflowStorage#getPendingSignals}.
	 */
	GET_PENDING_SIGNALS("getPendingSignals"),

	/**
	 * {@link WorkflowStorage#registerStreamSubscription}.
	 */
	REGISTER_STREAM_SUBSCRIPTION("registerStreamSubscription"),

	/**
	 * {@link WorkflowStorage#getWaitingSteps}.
	 */
	GET_WAITING_STEPS("getWaitingSteps"),

	/**
	 * {@link WorkflowStorage#getSubscriptionsForStream}.
	 */
	GET_SUBSCRIPTIONS_FOR_STREAM("getSubscriptionsForStream"),

	/**
	 * {@link WorkflowStorage#getSubscriptionStates}.
	 */
	GET_SUBSCRIPTION_STATES("getSubscriptionStates"),

	/**
	 * {@link WorkflowStorage#updateSubscriptionStatus}.
	 */
	UPDATE_SUBSCRIPTION_STATUS("updateSubscriptionStatus"),

	/**
	 * {@link WorkflowStorage#setSubscriptionResult}.
	 */
	SET_SUBSCRIPTION_RESULT("setSubscriptionResult"),

	/**
	 * {@link WorkflowStorage#setStreamParentLink}.
	 */
	SET_STREAM_PARENT_LINK("setStreamParentLink"),

	/**
	 * {@link WorkflowStorage#getStreamParentLink}.
	 */
	GET_STREAM_PARENT_LINK("getStreamParentLink"),

	/**
	 * {@link WorkflowStorage#scheduleSignal}.
	 */
	SCHEDULE_SIGNAL("scheduleSignal"),

	/**
	 * {@link WorkflowStorage#fetchDueScheduledSignals}.
	 */
	FETCH_DUE_SCHEDULED_SIGNALS("fetchDueScheduledSignals"),

	/**
	 * {@link WorkflowStorage#markScheduledSignalDelivered}.
	 */
	MARK_SCHEDULED_SIGNAL_DELIVERED("markScheduledSignalDelivered"),

	/**
	 * {@link WorkflowStorage#saveCheckpoint}.
	 */
	SAVE_CHECKPOINT("saveCheckpoint"),

	/**
	 * {@link WorkflowStorage#loadCheckpoint}.
	 */
	LOAD_CHECKPOINT("loadCheckpoint"),

	/**
	 * {@link WorkflowStorage#deleteCheckpoint}.
	 */
	DELETE_CHECKPOINT("deleteCheckpoint"),

	/**
	 * {@link WorkflowStorage#deleteOldRuns}.
	 */
	DELETE_OLD_RUNS("deleteOldRuns"),

	/**
	 * {@link WorkflowStorage#checkHealth}.
	 */
	CHECK_HEALTH("checkHealth");

	private final String methodName;

	Operation(String methodName) {
		this.methodName = methodName;
	}

	/**
	 * The name of the {@link WorkflowStorage} method, such as {@code createRun}.
	 * @return the method name
	 */
	public String methodName() {
		return this.methodName;
	}

	@Override
	public String toString() {
		return this.methodName;
	}

}
