package dev.workflow.storage;

import java.util.Set;
import java.util.TreeSet;

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
	 * The event types of pyworkflow's {@code EventType} (pyworkflow/engine/events.py at the
	 * version whose tables this library shares).
	 */
	public static final Set<String> PYWORKFLOW = Set.of("workflow.started", "workflow.completed",
			"workflow.failed", "workflow.interrupted", "workflow.cancelled", "workflow.paused", "workflow.resumed",
			"workflow.continued_as_new", "workflow.suspended", "step.started", "step.completed", "step.failed",
			"step.retrying", "step.cancelled", "sleep.started", "sleep.completed", "hook.created", "hook.received",
			"hook.expired", "hook.disposed", "hook.processed", "cancellation.requested", "child_workflow.started",
			"child_workflow.completed", "child_workflow.failed", "child_workflow.cancelled", "schedule.created",
			"schedule.updated", "schedule.paused", "schedule.resumed", "schedule.deleted", "schedule.triggered",
			"schedule.skipped", "schedule.backfill_started", "schedule.backfill_completed");

	private static final EventTypes PYWORKFLOW_ONLY = new EventTypes(true);

	private static final EventTypes ANY = new EventTypes(false);

	private static final String KNOWN = String.join(", ", new TreeSet<>(PYWORKFLOW));

	private final boolean pyworkflowOnly;

	private EventTypes(boolean pyworkflowOnly) {
		this.pyworkflowOnly = pyworkflowOnly;
	}

	/**
	 * Only pyworkflow's event types: the default, safe when pyworkflow's workers read the runs.
	 * @return the policy
	 */
	public static EventTypes pyworkflow() {
		return PYWORKFLOW_ONLY;
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
		if (this.pyworkflowOnly && !PYWORKFLOW.contains(type)) {
			throw new InvalidInputException(operation, "type must be one of pyworkflow's event types (" + KNOWN
					+ "), got " + WorkflowStorageException.quote(type)
					+ "; a storage whose runs pyworkflow never reads can allow any type");
		}
	}

	@Override
	public String toString() {
		return this.pyworkflowOnly ? "pyworkflow event types" : "any event type";
	}

}
