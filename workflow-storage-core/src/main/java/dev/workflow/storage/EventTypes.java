package dev.workflow.storage;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * Which event types a storage records.
 *
 * <p>
 * pyworkflow reads every event with its {@code EventType} enum, and one type it does not know
 * fails its {@code get_events} for the whole run. So by default only pyworkflow's own types are
 * recorded; an application that shares no runs with pyworkflow's Python workers may allow any.
 * Reading is never restricted: rows that others wrote are returned as they are.
 *
 * @since 0.1.0
 */
public final class EventTypes {

	/**
	 * The event types of pyworkflow's {@code EventType} at 2aed3e2 (pyworkflow/engine/events.py),
	 * what its workers of that version can read.
	 * @since 0.3.0
	 */
	public static final Set<String> PYWORKFLOW_2AED3E2 = Set.of("workflow.started", "workflow.completed",
			"workflow.failed", "workflow.interrupted", "workflow.cancelled", "workflow.paused", "workflow.resumed",
			"workflow.continued_as_new", "workflow.suspended", "step.started", "step.completed", "step.failed",
			"step.retrying", "step.cancelled", "sleep.started", "sleep.completed", "hook.created", "hook.received",
			"hook.expired", "hook.disposed", "hook.processed", "cancellation.requested", "child_workflow.started",
			"child_workflow.completed", "child_workflow.failed", "child_workflow.cancelled", "schedule.created",
			"schedule.updated", "schedule.paused", "schedule.resumed", "schedule.deleted", "schedule.triggered",
			"schedule.skipped", "schedule.backfill_started", "schedule.backfill_completed");

	/**
	 * The event types of pyworkflow's {@code EventType} at 45fbe4c, the newest version whose tables
	 * this library shares: those of 2aed3e2 and the eight of its stream workflows and step hooks.
	 */
	public static final Set<String> PYWORKFLOW = union(PYWORKFLOW_2AED3E2, Set.of("step.suspended",
			"signal.wait_started", "signal.received", "signal.published", "stream_step.started",
			"stream_step.completed", "checkpoint.saved", "checkpoint.loaded"));

	private static final EventTypes PYWORKFLOW_ONLY = new EventTypes(PYWORKFLOW, "pyworkflow's event types");

	private static final EventTypes PYWORKFLOW_2AED3E2_ONLY = new EventTypes(PYWORKFLOW_2AED3E2,
			"pyworkflow 2aed3e2's event types");

	private static final EventTypes ANY = new EventTypes(null, "any event type");

	private final @Nullable Set<String> recorded;

	private final String description;

	private final String known;

	private EventTypes(@Nullable Set<String> recorded, String description) {
		this.recorded = recorded;
		this.description = description;
		this.known = (recorded != null) ? String.join(", ", new TreeSet<>(recorded)) : "";
	}

	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new HashSet<>(first);
		union.addAll(second);
		return Set.copyOf(union);
	}

	/**
	 * Only the event types of the newest pyworkflow (45fbe4c): the default, safe when its workers
	 * read the runs.
	 * @return the policy
	 */
	public static EventTypes pyworkflow() {
		return PYWORKFLOW_ONLY;
	}

	/**
	 * Only the event types of pyworkflow 2aed3e2: for a deployment whose workers of that version
	 * read the runs, which fail on a type their enum lacks.
	 * @return the policy
	 * @since 0.3.0
	 */
	public static EventTypes pyworkflow2aed3e2() {
		return PYWORKFLOW_2AED3E2_ONLY;
	}

	/**
	 * Any event type: for applications whose runs pyworkflow never reads.
	 * @return the policy
	 */
	public static EventTypes any() {
		return ANY;
	}

	/**
	 * Requires a type this policy records.
	 * @param operation the operation
	 * @param type the event's type, already checked to be an id
	 * @throws InvalidInputException naming the type and the known ones
	 */
	public void check(Operation operation, String type) {
		if (this.recorded != null && !this.recorded.contains(type)) {
			throw new InvalidInputException(operation, "type must be one of " + this.description + " ("
					+ this.known + "), got " + WorkflowStorageException.quote(type)
					+ "; a storage whose runs pyworkflow never reads can allow any type");
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

}
