package dev.workflow.storage.demo;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.workflow.storage.model.Event;

/**
 * An event as the API shows it, its data as JSON.
 */
record EventView(String eventId, int sequence, String type, Instant timestamp, @JsonRawValue String data) {

	static EventView of(Event event) {
		return new EventView(event.eventId(), event.sequence(), event.type(), event.timestamp(), event.data());
	}

}
