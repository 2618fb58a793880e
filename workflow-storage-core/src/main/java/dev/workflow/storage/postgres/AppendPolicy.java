package dev.workflow.storage.postgres;

/**
 * How a dialect appends events: the statements that read a run's highest sequence and insert
 * after it, how many lost races are retried plainly before appenders queue on the run's lock, and
 * for how many runs the next sequence is remembered so an append can be a plain
 * {@code INSERT ... VALUES} ({@link ExpectedSequences}).
 *
 * @param appendEvent appends one event; parameters: event id, run id, type, timestamp, data,
 * step id, run id; returns the sequence
 * @param appendEvents appends a batch; parameters: run id, run id, then arrays of event ids,
 * types, timestamps, data and step ids; returns one sequence per event, and none for a run that
 * does not exist
 * @param plainRetries lost races retried plainly before retrying under the run's lock
 * @param expectedSequenceRuns how many runs' next sequences to remember; 0 for none
 * @since 0.2.0
 */
public record AppendPolicy(String appendEvent, String appendEvents, int plainRetries, int expectedSequenceRuns) {

	/**
	 * PostgreSQL's: the foreign key of {@code events} refuses an event of a run that does not
	 * exist, and a lost race is cheap, so appenders retry plainly a few times.
	 */
	public static final AppendPolicy POSTGRES = new AppendPolicy("""
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT ?, ?, COALESCE(MAX(sequence), -1) + 1, ?, ?, ?, ? FROM events WHERE run_id = ?
			RETURNING sequence""", """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT batch.event_id, ?, next.sequence + batch.ord - 1, batch.type, batch.ts, batch.data, batch.step_id
			FROM (SELECT COALESCE(MAX(sequence), -1) + 1 AS sequence FROM events WHERE run_id = ?) AS next,
				unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
					WITH ORDINALITY AS batch(event_id, type, ts, data, step_id, ord)
			RETURNING sequence""", 3, 0);

}
