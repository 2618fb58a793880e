package dev.workflow.storage.dashboard;

import dev.workflow.storage.model.Event;

/**
 * An event as the timeline shows it.
 *
 * @param sequence its place in the run's log
 * @param type its type
 * @param timestamp when it happened
 * @param timestampIso the same in ISO-8601
 * @param data its data, indented and cut if huge
 */
record EventRow(int sequence, String type, String timestamp, String timestampIso, ShownValue data) {

	static EventRow of(Event event, DashboardLinks links) {
		return new EventRow(event.sequence(), event.type(), Times.shown(event.timestamp()),
				Times.iso(event.timestamp()), ShownValue.json(event.data(), links.eventData(event.runId(), event.sequence())));
	}

}
