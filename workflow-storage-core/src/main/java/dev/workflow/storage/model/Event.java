package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a run's append-only event log, as stored in {@code events}.
 *
 * <p>
 * The store assigns {@link #sequence()} when the event is recorded: an event built with
 * {@link #of} carries {@link #UNASSIGNED} until then.
 *
 * @param eventId the event's id
 * @param runId the run the event belongs to
 * @param sequence the event's position in its run's log: 0, 1, 2, ...
 * @param type the event type, an open dotted name such as {@code step.completed}
 * @param timestamp when the event happened
 * @param data the event data, a JSON object text
 * @since 0.1.0
 */
public record Event(String eventId, String runId, int sequence, String type, Instant timestamp, String data) {

	/**
	 * The sequence of an event that was not recorded yet.
	 */
	public static final int UNASSIGNED = -1;

	public Event {
		Objects.requireNonNull(timestamp, "timestamp");
		timestamp = Micros.truncate(timestamp);
		data = Objects.requireNonNullElse(data, "{}");
	}

	/**
	 * An event to record; the store assigns its sequence.
	 * @param eventId the event's id
	 * @param runId the run the event belongs to
	 * @param type the event type
	 * @param timestamp when the event happened
	 * @param data the event data, a JSON object text
	 * @return the event
	 */
	public static Event of(String eventId, String runId, String type, Instant timestamp, String data) {
		return new Event(eventId, runId, UNASSIGNED, type, timestamp, data);
	}

	/**
	 * This event at the given position of its run's log.
	 * @param sequence the assigned sequence
	 * @return a copy with that sequence
	 */
	public Event withSequence(int sequence) {
		return new Event(this.eventId, this.runId, sequence, this.type, this.timestamp, this.data);
	}

}
