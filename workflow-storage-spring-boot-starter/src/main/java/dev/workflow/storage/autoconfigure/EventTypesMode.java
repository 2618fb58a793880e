package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.EventTypes;

/**
 * Which event types the storage records; the values of {@code pyworkflow.storage.event-types}.
 *
 * @since 0.1.0
 */
public enum EventTypesMode {

	/**
	 * Only the event types of the newest pyworkflow (45fbe4c), which its Python workers can read.
	 */
	PYWORKFLOW(EventTypes.pyworkflow()),

	/**
	 * Only the event types of pyworkflow 2aed3e2, for a deployment that still runs workers of that
	 * version: they fail to read a run holding a type their enum lacks.
	 */
	PYWORKFLOW_2AED3E2(EventTypes.pyworkflow2aed3e2()),

	/**
	 * Any event type, for an application whose runs pyworkflow never reads.
	 */
	ANY(EventTypes.any());

	private final EventTypes eventTypes;

	EventTypesMode(EventTypes eventTypes) {
		this.eventTypes = eventTypes;
	}

	/**
	 * The storage's policy for this mode.
	 * @return the policy
	 */
	public EventTypes eventTypes() {
		return this.eventTypes;
	}

}
