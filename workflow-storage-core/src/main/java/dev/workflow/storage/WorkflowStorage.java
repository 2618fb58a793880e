package dev.workflow.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.jspecify.annotations.Nullable;

/**
 * Durable storage of workflow runs, their event logs, steps, hooks, cancellation flags and
 * schedules, and of the streams, signals, subscriptions, scheduled signals and checkpoints of
 * pyworkflow's stream workflows, in the tables pyworkflow uses.
 *
 * <p>
 * Every implementation behaves the same, as the shared contract test suite checks. Invalid
 * arguments throw {@link InvalidInputException} before anything is written; a missing entity
 * that an operation needs throws {@link NotFoundException}; a taken id throws
 * {@link DuplicateIdException}; a failing store throws {@link StorageAccessException}. A row
 * that another client wrote with a value the storage cannot decode throws
 * {@link UndecodableRowException} when read alone, and is skipped (and logged) by listings. Every
 * message names the operation and the offending value.
 *
 * <p>
 * Only what the database, and pyworkflow reading it, can keep as given is accepted: text without
 * NUL characters or unpaired UTF-16 surrogates, ids of at most {@value #MAX_ID_BYTES} UTF-8 bytes,
 * JSON nested at most {@value #MAX_JSON_DEPTH} levels deep, and instants from
 * {@link #EARLIEST_INSTANT} to {@link #LATEST_INSTANT}. Lookups are checked the same way: an id
 * that cannot be stored is refused rather than not found.
 *
 * @since 0.1.0
 */
public interface WorkflowStorage {

	/**
	 * The largest page of {@link #listHooks} and {@link #listSchedules}, as for runs.
	 */
	int MAX_LIMIT = RunFilter.MAX_LIMIT;

	/**
	 * The most runs one transaction of {@link #deleteOldRuns(Instant)} deletes.
	 */
	int DEFAULT_RETENTION_BATCH_SIZE = 500;

	/**
	 * The longest id, key, token, name or type accepted, in UTF-8 bytes (512 ASCII characters,
	 * fewer when they take more bytes). PostgreSQL refuses a btree index entry over 2,704 bytes;
	 * the widest index, events ({@code run_id}, {@code step_id}, {@code type}), holds three such
	 * values, which at this length stay well under it. Bytes, not characters, because the index
	 * limit is in bytes. pyworkflow's own ids are UUID-based, about 40 characters.
	 */
	int MAX_ID_BYTES = 512;

	/**
	 * The deepest nesting of a JSON argument (event data, arguments, context, metadata): an
	 * object or array counts one level, so {@code {}} is 1 deep. pyworkflow's workers read these
	 * columns with Python's {@code json}, which recurses once per level under Python's default
	 * recursion limit of 1,000 frames, some of which the caller's own stack takes; 500 is also
	 * what Jackson accepts by default, for Java readers.
	 */
	int MAX_JSON_DEPTH = 500;

	/**
	 * The earliest instant accepted: the start of year 1 UTC. pyworkflow reads every timestamp
	 * into a Python {@code datetime}, which holds years 1 to 9999 only (PostgreSQL's own range is
	 * wider: 4713 BC to 294276 AD).
	 */
	Instant EARLIEST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

	/**
	 * The latest instant accepted: the end of year 9999 UTC, to the microsecond PostgreSQL keeps.
	 * @see #EARLIEST_INSTANT
	 */
	Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

	/**
	 * PostgreSQL's {@code infinity} as it reads ({@link Instant#MAX} to the microsecond the model
	 * keeps), accepted besides the range so that a row holding it (asyncpg writes Python's
	 * {@code datetime.max} so) is written back as it was.
	 */
	Instant INFINITY = Instant.MAX.truncatedTo(ChronoUnit.MICROS);

	/**
	 * PostgreSQL's {@code -infinity} as it reads, accepted as {@link #INFINITY} is.
	 */
	Instant NEGATIVE_INFINITY = Instant.MIN;

	// Runs

	/**
	 * Stores a new run.
	 * @param run the run
	 * @throws DuplicateIdException if a run with its id exists
	 * @throws DuplicateIdempotencyKeyException if a run with its idempotency key exists
	 */
	void createRun(WorkflowRun run);

	Optional<WorkflowRun> getRun(String runId);

	Optional<WorkflowRun> getRunByIdempotencyKey(String idempotencyKey);

	/**
	 * Sets a run's status and {@code updated_at}; sets result and error only when given, and
	 * {@code completed_at} when the status is terminal.
	 * @param runId the run's id
	 * @param status the new status
	 * @param result the result as JSON text, or {@code null} to keep the current one
	 * @param error the error, or {@code null} to keep the current one
	 * @throws NotFoundException if the run does not exist
	 */
	void updateRunStatus(String runId, RunStatus status, @Nullable String result, @Nullable String error);

	/**
	 * Moves a run from one status to another if it has the first: a compare-and-set that exactly
	 * one of any number of concurrent callers wins.
	 * @param runId the run's id
	 * @param fromStatus the status the run must have
	 * @param toStatus the status to set
	 * @return {@code true} if this call moved the run
	 */
	boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus);

	void updateRunRecoveryAttempts(String runId, int recoveryAttempts);

	/**
	 * Replaces a run's context.
	 * @param runId the run's id
	 * @param context a JSON object text
	 * @throws NotFoundException if the run does not exist
	 */
	void updateRunContext(String runId, String context);

	/**
	 * A run's context.
	 * @param runId the run's id
	 * @return the context as JSON object text; {@code {}} when unset or when the run does not exist
	 */
	String getRunContext(String runId);

	/**
	 * A page of runs, newest first, keyset-paginated on ({@code created_at}, {@code run_id}).
	 * @param filter the filter, page size and cursor
	 * @return the page
	 */
	RunPage listRuns(RunFilter filter);

	/**
	 * A page of run summaries, newest first, keyset-paginated on ({@code created_at},
	 * {@code run_id}) as {@link #listRuns} is and with the same cursors, reading none of the
	 * unbounded columns (arguments, result, context): what a listing shows, and what
	 * pyworkflow's {@code list_runs} selects.
	 * @param filter the filter, page size and cursor
	 * @return the page
	 * @since 0.3.0
	 */
	RunSummaryPage listRunSummaries(RunFilter filter);

	/**
	 * How many runs were created in a window, by status: what an overview shows.
	 * @param createdFrom only runs created at or after this time, or {@code null}
	 * @param createdBefore only runs created before this time, or {@code null}
	 * @return the counts
	 * @since 0.3.0
	 */
	RunCounts countRuns(@Nullable Instant createdFrom, @Nullable Instant createdBefore);

	/**
	 * Records that a run was continued as new by another run.
	 * @param runId the continued run's id
	 * @param continuedToRunId the id of the run that continues it
	 */
	void updateRunContinuation(String runId, String continuedToRunId);

	/**
	 * The continue-as-new chain that a run belongs to, oldest to newest.
	 * @param runId the id of any run in the chain
	 * @return the chain; empty when the run does not exist
	 */
	List<WorkflowRun> getWorkflowChain(String runId);

	/**
	 * A run's child runs, oldest first.
	 * @param parentRunId the parent's id
	 * @param status only children with this status, or {@code null} for all
	 * @return the children
	 */
	List<WorkflowRun> getChildren(String parentRunId, @Nullable RunStatus status);

	Optional<WorkflowRun> getParent(String runId);

	/**
	 * How deep a run is nested.
	 * @param runId the run's id
	 * @return its nesting depth; 0 when the run does not exist
	 */
	int getNestingDepth(String runId);

	// Event log

	/**
	 * Appends an event to its run's log. Concurrent appenders to one run get distinct, gap-free
	 * sequences.
	 * @param event the event; its sequence is ignored
	 * @return the sequence assigned: 0 for a run's first event
	 * @throws NotFoundException if the run does not exist
	 * @throws DuplicateIdException if an event with its id exists
	 */
	int recordEvent(Event event);

	/**
	 * Appends several events of one run, in order, as one atomic write.
	 * @param runId the run all events belong to
	 * @param events the events, each with that run id
	 * @return the sequences assigned, in the order of {@code events}
	 */
	List<Integer> recordEvents(String runId, List<Event> events);

	/**
	 * A run's events in sequence order.
	 * @param runId the run's id
	 * @param types only events of these types, or {@code null} or empty for all
	 * @return the events
	 */
	List<Event> getEvents(String runId, @Nullable Collection<String> types);

	default List<Event> getEvents(String runId) {
		return getEvents(runId, null);
	}

	/**
	 * A run's last event.
	 * @param runId the run's id
	 * @param type only events of this type, or {@code null} for any
	 * @return the event with the highest sequence
	 */
	Optional<Event> getLatestEvent(String runId, @Nullable String type);

	/**
	 * Whether a run has an event of a type whose data has the given top-level fields. A field
	 * matches when its JSON value, as text (strings unquoted), equals the filter's value.
	 * @param runId the run's id
	 * @param type the event type
	 * @param dataFilters field names and values; a {@code step_id} filter uses the indexed column
	 * @return {@code true} if such an event exists
	 */
	boolean hasEvent(String runId, String type, Map<String, String> dataFilters);

	// Steps

	/**
	 * Stores a new step.
	 * @param step the step
	 * @throws NotFoundException if its run does not exist
	 * @throws DuplicateIdException if a step with its id exists
	 */
	void createStep(Step step);

	Optional<Step> getStep(String stepId);

	/**
	 * Sets a step's status; result and error only when given; {@code completed_at} when the
	 * status is terminal.
	 * @param stepId the step's id
	 * @param status the new status
	 * @param result the result, or {@code null} to keep the current one
	 * @param error the error, or {@code null} to keep the current one
	 * @throws NotFoundException if the step does not exist
	 */
	void updateStepStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error);

	/**
	 * A run's steps in creation order.
	 * @param runId the run's id
	 * @return the steps
	 */
	List<Step> listSteps(String runId);

	// Hooks

	/**
	 * Stores a new hook.
	 * @param hook the hook
	 * @throws NotFoundException if its run does not exist
	 * @throws DuplicateIdException if the run has a hook with its id, or any hook has its token
	 */
	void createHook(Hook hook);

	/**
	 * A hook by id.
	 * @param hookId the hook's id
	 * @param runId its run's id; without it the first hook with that id is returned
	 * @return the hook
	 */
	Optional<Hook> getHook(String hookId, @Nullable String runId);

	Optional<Hook> getHookByToken(String token);

	/**
	 * Sets a hook's status; its payload only when given; {@code received_at} when the status is
	 * {@code received}.
	 * @param hookId the hook's id
	 * @param status the new status
	 * @param payload the payload, or {@code null} to keep the current one
	 * @param runId its run's id; without it every hook with that id is updated
	 * @throws NotFoundException if no such hook exists
	 */
	void updateHookStatus(String hookId, HookStatus status, @Nullable String payload, @Nullable String runId);

	/**
	 * Hooks, newest first.
	 * @param runId only this run's hooks, or {@code null} for all
	 * @param status only hooks with this status, or {@code null} for all
	 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
	 * @param offset skip this many first
	 * @return the hooks
	 */
	List<Hook> listHooks(@Nullable String runId, @Nullable HookStatus status, int limit, int offset);

	// Cancellation flags

	/**
	 * Flags a run for cancellation; setting it again changes nothing.
	 * @param runId the run's id
	 * @throws NotFoundException if the run does not exist
	 */
	void setCancellationFlag(String runId);

	boolean checkCancellationFlag(String runId);

	void clearCancellationFlag(String runId);

	// Schedules

	/**
	 * Stores a new schedule.
	 * @param schedule the schedule
	 * @throws DuplicateIdException if a schedule with its id exists
	 */
	void createSchedule(Schedule schedule);

	Optional<Schedule> getSchedule(String scheduleId);

	/**
	 * Replaces a schedule's values; {@code updated_at} is set now.
	 * @param schedule the schedule
	 * @throws NotFoundException if the schedule does not exist
	 */
	void updateSchedule(Schedule schedule);

	/**
	 * Soft-deletes a schedule: status {@code deleted}, {@code deleted_at} set.
	 * @param scheduleId the schedule's id
	 * @throws NotFoundException if the schedule does not exist
	 */
	void deleteSchedule(String scheduleId);

	/**
	 * Schedules, newest first.
	 * @param workflowName only schedules of this workflow, or {@code null} for all
	 * @param status only schedules with this status, or {@code null} for all
	 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
	 * @param offset skip this many first
	 * @return the schedules
	 */
	List<Schedule> listSchedules(@Nullable String workflowName, @Nullable ScheduleStatus status, int limit,
			int offset);

	/**
	 * Active schedules whose next run time has come, earliest first.
	 * @param now the time to compare with
	 * @return the due schedules
	 */
	List<Schedule> getDueSchedules(Instant now);

	/**
	 * Adds a run to a schedule's running runs (a set: adding it twice keeps one). Concurrent
	 * calls lose nothing.
	 * @param scheduleId the schedule's id
	 * @param runId the run's id
	 * @throws NotFoundException if the schedule does not exist
	 */
	void addRunningRun(String scheduleId, String runId);

	/**
	 * Removes a run from a schedule's running runs, if there.
	 * @param scheduleId the schedule's id
	 * @param runId the run's id
	 * @throws NotFoundException if the schedule does not exist
	 */
	void removeRunningRun(String scheduleId, String runId);

	// Streams and signals

	/**
	 * Records a stream, active and created now.
	 * @param streamId the stream's id
	 * @param metadata metadata as JSON object text, or {@code null} for none
	 * @throws DuplicateIdException if the stream exists
	 * @since 0.3.0
	 */
	void createStream(String streamId, @Nullable String metadata);

	/**
	 * A stream by id.
	 * @param streamId the stream's id
	 * @return the stream
	 * @since 0.3.0
	 */
	Optional<SignalStream> getStream(String streamId);

	/**
	 * Publishes a signal, numbering it after the highest sequence of its stream run, across every
	 * stream that shares it, as pyworkflow numbers signals. Stricter than pyworkflow: concurrent
	 * publishers to one stream run get distinct, gap-free sequences. The stream need not exist.
	 * @param signal the signal
	 * @return the sequence assigned: 0 for a stream run's first signal
	 * @throws DuplicateIdException if the stream already has a signal of that stream run with
	 * the sequence assigned (only when another client numbers signals without this storage's lock)
	 * @since 0.3.0
	 */
	int publishSignal(NewSignal signal);

	/**
	 * A stream's signals of every stream run, from a sequence on, in sequence order (stream run id
	 * order among equal sequences).
	 * @param streamId the stream
	 * @param fromSequence the lowest sequence returned (pyworkflow's {@code after_sequence}, which
	 * it compares inclusively)
	 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
	 * @return the signals
	 * @since 0.3.0
	 */
	List<Signal> getSignals(String streamId, int fromSequence, int limit);

	/**
	 * The signals of one stream run that match a query, in sequence order.
	 * @param query the stream run, filters and limit
	 * @return the signals
	 * @since 0.3.0
	 */
	List<Signal> queryStreamSignals(SignalQuery query);

	/**
	 * Records that a stream step processed a signal; recording it again changes nothing.
	 * @param signalId the signal's id
	 * @param stepRunId the stream step's run id
	 * @since 0.3.0
	 */
	void acknowledgeSignal(String signalId, String stepRunId);

	/**
	 * The signals of a stream, of the types a stream step subscribes to, that the step has not
	 * acknowledged, in sequence order (stream run id order among equal sequences).
	 * @param streamId the stream
	 * @param stepRunId the stream step's run id
	 * @return the signals; none when the step has no subscription to the stream
	 * @since 0.3.0
	 */
	List<Signal> getPendingSignals(String streamId, String stepRunId);

	// Stream subscriptions

	/**
	 * Subscribes a stream step to signal types of a stream, waiting; registering it again replaces
	 * its types and stream run and sets it waiting, keeping its result, parent link and creation
	 * time.
	 * @param streamId the stream
	 * @param stepRunId the stream step's run id
	 * @param signalTypes the signal types
	 * @param streamRunId the stream run, or {@code null} for none
	 * @since 0.3.0
	 */
	void registerStreamSubscription(String streamId, String stepRunId, List<String> signalTypes,
			@Nullable String streamRunId);

	/**
	 * The subscriptions of a stream waiting for a signal type ({@code waiting} or
	 * {@code suspended}), oldest first.
	 * @param streamId the stream
	 * @param signalType the signal type
	 * @param streamRunId only those of this stream run, or {@code null} for all
	 * @return the subscriptions
	 * @since 0.3.0
	 */
	List<StreamSubscription> getWaitingSteps(String streamId, String signalType, @Nullable String streamRunId);

	/**
	 * The subscriptions of a stream to a signal type in any status, oldest first.
	 * @param streamId the stream
	 * @param signalType the signal type
	 * @param streamRunId only those of this stream run, or {@code null} for all
	 * @return the subscriptions
	 * @since 0.3.0
	 */
	List<StreamSubscription> getSubscriptionsForStream(String streamId, String signalType,
			@Nullable String streamRunId);

	/**
	 * The subscriptions of a stream in any status, oldest first: what the stream run's aggregate
	 * state is computed from.
	 * @param streamId the stream
	 * @param streamRunId only those of this stream run, or {@code null} for all
	 * @return the subscriptions
	 * @since 0.3.0
	 */
	List<StreamSubscription> getSubscriptionStates(String streamId, @Nullable String streamRunId);

	/**
	 * Sets a subscription's status.
	 * @param streamId the stream
	 * @param stepRunId the stream step's run id
	 * @param status the new status
	 * @throws NotFoundException if there is no such subscription
	 * @since 0.3.0
	 */
	void updateSubscriptionStatus(String streamId, String stepRunId, SubscriptionStatus status);

	/**
	 * Sets a stream step's result on its subscription.
	 * @param streamId the stream
	 * @param stepRunId the stream step's run id
	 * @param result any JSON value as text
	 * @throws NotFoundException if there is no such subscription
	 * @since 0.3.0
	 */
	void setSubscriptionResult(String streamId, String stepRunId, String result);

	/**
	 * Links every subscription of a stream run to the workflow run that waits for it.
	 * @param streamId the stream
	 * @param streamRunId the stream run
	 * @param link the waiting run and its hook token
	 * @return how many subscriptions were linked
	 * @since 0.3.0
	 */
	int setStreamParentLink(String streamId, String streamRunId, StreamParentLink link);

	/**
	 * The workflow run that waits for a stream run, from its oldest linked subscription.
	 * @param streamId the stream
	 * @param streamRunId the stream run
	 * @return the link
	 * @since 0.3.0
	 */
	Optional<StreamParentLink> getStreamParentLink(String streamId, String streamRunId);

	// Scheduled signals

	/**
	 * Keeps a signal to publish when it is due.
	 * @param signal the signal
	 * @return its id: {@code sched_} and 16 hexadecimal digits
	 * @since 0.3.0
	 */
	String scheduleSignal(NewScheduledSignal signal);

	/**
	 * Scheduled signals due and not delivered yet, earliest first.
	 * @param now the time to compare with
	 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
	 * @return the signals
	 * @since 0.3.0
	 */
	List<ScheduledSignal> fetchDueScheduledSignals(Instant now, int limit);

	/**
	 * Marks a scheduled signal delivered, if it is not yet: a compare-and-set that exactly one of
	 * any number of concurrent callers wins, so a signal drained by two processes is published once.
	 * @param id the scheduled signal's id
	 * @return {@code true} if this call marked it
	 * @throws NotFoundException if there is no such scheduled signal
	 * @since 0.3.0
	 */
	boolean markScheduledSignalDelivered(String id);

	// Checkpoints

	/**
	 * Saves a stream step's state, replacing any saved before.
	 * @param stepRunId the stream step's run id
	 * @param data the state, a JSON object text
	 * @since 0.3.0
	 */
	void saveCheckpoint(String stepRunId, String data);

	/**
	 * A stream step's saved state.
	 * @param stepRunId the stream step's run id
	 * @return the checkpoint
	 * @since 0.3.0
	 */
	Optional<Checkpoint> loadCheckpoint(String stepRunId);

	/**
	 * Deletes a stream step's saved state, if any.
	 * @param stepRunId the stream step's run id
	 * @since 0.3.0
	 */
	void deleteCheckpoint(String stepRunId);

	// Retention

	/**
	 * Deletes what pyworkflow's {@code delete_old_runs} deletes, in transactions of at most
	 * {@value #DEFAULT_RETENTION_BATCH_SIZE} runs.
	 * @param olderThan the cutoff
	 * @return what was deleted
	 * @see #deleteOldRuns(Instant, int)
	 * @since 0.3.0
	 */
	default RetentionPass deleteOldRuns(Instant olderThan) {
		return deleteOldRuns(olderThan, DEFAULT_RETENTION_BATCH_SIZE);
	}

	/**
	 * Deletes what pyworkflow's {@code delete_old_runs} deletes, in bounded transactions: the runs
	 * that have ended (completed, failed, cancelled, continued as new, interrupted) and were last
	 * updated before {@code olderThan}, each with its events, steps, the checkpoints of its steps,
	 * hooks and cancellation flag, at most {@code batchSize} runs a transaction, oldest first, so no
	 * lock or snapshot is held longer than one batch and a batch is whole runs; then the signals,
	 * acknowledgments, delivered scheduled signals and ended subscriptions ({@code terminated},
	 * {@code completed}) from before the cutoff, and schedules soft-deleted before it (whatever the
	 * case of their status). A run that still has a child run is kept until its children are
	 * deleted, so no child points at a deleted parent (PostgreSQL's foreign key forbids it). One
	 * pass runs at a time for one database: a call while another runs deletes nothing and says so.
	 * @param olderThan the cutoff
	 * @param batchSize the most runs one transaction deletes, 1 to {@value #MAX_LIMIT}
	 * @return what was deleted
	 * @since 0.3.0
	 */
	RetentionPass deleteOldRuns(Instant olderThan, int batchSize);

	// Lifecycle

	/**
	 * Checks that the store answers, with a cheap query.
	 * @throws StorageAccessException if it does not
	 */
	void checkHealth();

	/**
	 * Checks that the store answers, as {@link #checkHealth()} does, and describes it: on a
	 * database, the schema version and what the server is (on Citus, its version and workers).
	 * @return whether the store is usable, with details for a health endpoint; never a secret
	 * @throws StorageAccessException if it does not answer
	 * @since 0.2.0
	 */
	default StorageHealth health() {
		checkHealth();
		return StorageHealth.up(Map.of());
	}

	/**
	 * A short name of the backend, such as {@code memory}, {@code postgres} or {@code citus}, for
	 * health details and metrics.
	 * @return the name
	 * @since 0.2.0
	 */
	default String backend() {
		return getClass().getSimpleName();
	}

}
