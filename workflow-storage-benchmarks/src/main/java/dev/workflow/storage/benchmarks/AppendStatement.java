package dev.workflow.storage.benchmarks;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.BoundParameter;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statement our library sends for one {@code recordEvent} once a run has events, recorded
 * from the library itself (so the floor cannot drift from it), with the values it bound, and
 * turned into a pgbench script that sends the same statement again and again.
 *
 * @param runId the run it appends to
 * @param sql the SQL, with {@code ?} placeholders
 * @param values the bound values as text, by position ({@code null} for SQL NULL)
 * @param eventIdIndex the position of the event id
 * @param sequenceIndex the position of the sequence, or -1 when the statement reads it (PostgreSQL)
 * @param sequence the sequence the recorded append got
 */
record AppendStatement(String runId, String sql, List<@Nullable String> values, int eventIdIndex, int sequenceIndex,
		int sequence) {

	/**
	 * Creates a run on {@code database} and appends two events to it through a recording data
	 * source: on Citus the first append of a run in a process reads its highest sequence and the
	 * ones after it insert at the sequence the process expects, so the second is the one a
	 * running client sends.
	 * @param database a migrated database
	 * @param storageFactory our storage on a data source
	 * @return the second append's statement, whose run exists
	 */
	static AppendStatement record(DataSource database, Function<DataSource, WorkflowStorage> storageFactory) {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		WorkflowStorage storage = storageFactory.apply(recording);
		WorkflowRun run = Fixtures.newRun();
		storage.createRun(run);
		storage.recordEvent(Fixtures.newEvent(run.runId()));
		recording.clear();
		Event event = Fixtures.newEvent(run.runId());
		int sequence = storage.recordEvent(event);
		List<RecordedStatement> sent = recording.recordedStatements();
		if (sent.size() != 1) {
			throw new IllegalStateException("recordEvent sent " + sent.size() + " statements, the floor runs one: " + sent);
		}
		RecordedStatement statement = sent.get(0);
		List<@Nullable String> values = new ArrayList<>();
		int eventIdIndex = -1;
		int sequenceIndex = -1;
		for (BoundParameter parameter : statement.parameters()) {
			Object value = value(parameter);
			if (event.eventId().equals(value)) {
				eventIdIndex = values.size();
			}
			else if (value instanceof Integer number && number == sequence) {
				sequenceIndex = values.size();
			}
			values.add(text(parameter, value));
		}
		if (eventIdIndex < 0) {
			throw new IllegalStateException("recordEvent did not bind the event id: " + statement);
		}
		return new AppendStatement(run.runId(), statement.sql(), values, eventIdIndex, sequenceIndex, sequence);
	}

	// setNull(i, type) binds NULL; every other setter takes the value first.
	private static @Nullable Object value(BoundParameter parameter) {
		return parameter.setter().getName().equals("setNull") ? null : parameter.arguments().get(0);
	}

	// As pgbench passes it: text the server parses as the column's type.
	private static @Nullable String text(BoundParameter parameter, @Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof TemporalAccessor) {
			return (value != null) ? value.toString() : null;
		}
		throw new IllegalStateException("No pgbench value for " + parameter);
	}

	/**
	 * A pgbench script of this statement. What differs from the library: the event id is a random
	 * number (unique per transaction) rather than our {@code evt-...} ids, every row gets the
	 * recorded timestamp and data rather than its own, a NULL value is written as {@code NULL} in
	 * the SQL, and pgbench sends the values untyped (the server takes the columns' types) where
	 * the JDBC driver says {@code varchar} and {@code timestamptz}. Where the statement names the
	 * sequence (Citus), pgbench's client counts it up from the recorded one, as our process
	 * counts its expected sequences, so every transaction appends the run's next event to the
	 * same run, as {@code recordEvent} does in {@link EventBenchmarks}.
	 * @return the script
	 */
	String pgbenchScript() {
		StringBuilder script = new StringBuilder("\\set id random(1, 9000000000000000)\n");
		if (this.sequenceIndex >= 0) {
			script.append("\\set seq :seq + 1\n");
		}
		StringBuilder sql = new StringBuilder();
		int index = 0;
		for (char c : this.sql.toCharArray()) {
			if (c != '?') {
				sql.append(c);
				continue;
			}
			if (index >= this.values.size()) {
				throw new IllegalStateException("More placeholders than bound values in " + this.sql);
			}
			sql.append(placeholder(index++));
		}
		if (index != this.values.size()) {
			throw new IllegalStateException("Fewer placeholders than bound values in " + this.sql);
		}
		return script.append(sql.toString().strip()).append(";\n").toString();
	}

	/**
	 * The pgbench variables the script reads, for {@code -D name=value}.
	 * @return names and values
	 */
	Map<String, String> pgbenchVariables() {
		Map<String, String> variables = new LinkedHashMap<>();
		if (this.sequenceIndex >= 0) {
			variables.put("seq", String.valueOf(this.sequence));
		}
		for (int i = 0; i < this.values.size(); i++) {
			String value = this.values.get(i);
			if (i != this.eventIdIndex && i != this.sequenceIndex && value != null) {
				variables.put("p" + (i + 1), value);
			}
		}
		return variables;
	}

	/**
	 * Checks that the run's log holds sequences 0..n-1 once each, so the floor did the work of
	 * appends, not of failed or misplaced inserts.
	 * @param database the database
	 * @return how many events the run holds
	 */
	long checkLog(DataSource database) {
		Map<String, Object> log = JdbcClient.create(database)
			.sql("SELECT count(*) AS events, count(DISTINCT sequence) AS sequences, max(sequence) AS highest "
					+ "FROM events WHERE run_id = ?")
			.param(this.runId)
			.query()
			.singleRow();
		long events = ((Number) log.get("events")).longValue();
		if (((Number) log.get("sequences")).longValue() != events || ((Number) log.get("highest")).longValue() != events - 1) {
			throw new IllegalStateException("The run's log is not sequences 0.." + (events - 1) + ": " + log);
		}
		return events;
	}

	private String placeholder(int index) {
		if (index == this.eventIdIndex) {
			return ":id";
		}
		if (index == this.sequenceIndex) {
			return ":seq";
		}
		return (this.values.get(index) != null) ? ":p" + (index + 1) : "NULL";
	}

}
