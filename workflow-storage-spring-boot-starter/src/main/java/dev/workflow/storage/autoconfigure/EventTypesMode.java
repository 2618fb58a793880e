package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.EventTypes;

/**
 * Which event types the storage records; the values of {@code pyworkflow.storage.event-types}.
 *
 * @since 0.1.0
 */
public enum EventTypesMode {

	/**
	 * Only pyworkflow's own event types, which its Python workers can read.
	 */
	PYWORKFLOW(EventTypes.pyworkflow()),

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
