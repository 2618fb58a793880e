package dev.workflow.storage.benchmarks;

import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.testing.BoundParameter;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements our library sends for the stream operations measured, recorded from the library
 * itself on the benchmark's database, so the plain-JDBC floor sends the very same text and cannot
 * drift from it; and checked there: the floor, making the same calls, must send the same
 * statements with the same values bound the same way (times aside) and answer the same.
 *
 * @param publishAfterHighest {@code publishSignal}'s one text of two statements: the stream run's
 * advisory lock, then the insert after the stream run's highest sequence, returning it
 * @param publishFirst the insert of a stream run's first signal at sequence 0, sent in a
 * transaction after the text above inserted nothing there too
 * @param streamRunLockClass the first key of the stream run's advisory lock
 * @param getSignals {@code getSignals}' query
 * @param saveCheckpoint {@code saveCheckpoint}'s upsert
 * @param loadCheckpoint {@code loadCheckpoint}'s query
 */
record StreamStatements(String publishAfterHighest, String publishFirst, int streamRunLockClass, String getSignals,
		String saveCheckpoint, String loadCheckpoint) {

	private static final String DELETE_SIGNALS = "DELETE FROM signals WHERE stream_run_id = ?";

	private static final String DELETE_CHECKPOINT = "DELETE FROM checkpoints WHERE step_run_id = ?";

	/**
	 * Records the statements from our library on {@code database}, then makes the same calls
	 * through the floor with them and compares.
	 * @param database a migrated database; the calls' rows are deleted afterwards
	 * @param library our storage on a data source
	 * @return the statements
	 * @throws IllegalStateException saying what differs, when the library sends statements of
	 * another shape than the floor knows, or the floor sends or answers something else
	 */
	static StreamStatements record(DataSource database, Function<DataSource, WorkflowStorage> library) {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		Calls calls = Calls.fresh();
		Sent byLibrary = calls.sendThrough(new LibraryOps(library.apply(recording)), recording);
		calls.undo(database);
		StreamStatements statements = of(byLibrary.statements());
		Sent byFloor = calls.sendThrough(new PlainJdbcOps(recording, statements), recording);
		calls.undo(database);
		String difference = byLibrary.difference(byFloor);
		if (difference != null) {
			throw new IllegalStateException("The plain-JDBC floor does not send what the library sends: " + difference);
		}
		return statements;
	}

	// The library's calls send: the lock and insert (none yet), again in a transaction, the first
	// insert; the lock and insert; the query; the upsert twice; the query.
	private static StreamStatements of(List<RecordedStatement> sent) {
		List<String> sql = sent.stream().map(RecordedStatement::sql).toList();
		if (sql.size() != 8 || !sql.get(0).contains("pg_advisory_xact_lock") || !sql.get(1).equals(sql.get(0))
				|| !sql.get(3).equals(sql.get(0)) || !sql.get(6).equals(sql.get(5))) {
			throw new IllegalStateException("The library's stream statements are not of the shape the plain-JDBC floor "
					+ "sends (lock and insert, again in a transaction, first insert; lock and insert; query; upsert "
					+ "twice; query): " + sent);
		}
		Object lockClass = sent.get(0).parameters().get(0).arguments().get(0);
		if (!(lockClass instanceof Integer number)) {
			throw new IllegalStateException("The stream run's lock class is no int: " + sent.get(0));
		}
		return new StreamStatements(sql.get(0), sql.get(2), number, sql.get(4), sql.get(5), sql.get(7));
	}

	/**
	 * What one side sent and answered.
	 *
	 * @param statements the statements, with their bound values
	 * @param answers the answers, times replaced by the epoch
	 */
	private record Sent(List<RecordedStatement> statements, List<Object> answers) {

		// null when the same; else the first difference.
		String difference(Sent floor) {
			if (this.statements.size() != floor.statements.size()) {
				return "the library sent " + this.statements + "\nthe floor sent " + floor.statements;
			}
			for (int i = 0; i < this.statements.size(); i++) {
				RecordedStatement ours = this.statements.get(i);
				RecordedStatement theirs = floor.statements.get(i);
				if (!ours.sql().equals(theirs.sql()) || !timeless(ours.parameters()).equals(timeless(theirs.parameters()))) {
					return "statement " + (i + 1) + ": the library sent " + ours + "\nthe floor sent " + theirs;
				}
			}
			return this.answers.equals(floor.answers) ? null
					: "the library answered " + this.answers + "\nthe floor answered " + floor.answers;
		}

		// The setter, its arguments, and of a time only its type: the two sides bind different times.
		private static List<String> timeless(List<BoundParameter> parameters) {
			return parameters.stream()
				.map((parameter) -> parameter.index() + " " + parameter.setter().getName() + parameter.arguments()
					.stream()
					.map((argument) -> (argument instanceof Temporal) ? argument.getClass().getName() : Objects.toString(argument))
					.toList())
				.toList();
		}

	}

	/**
	 * The calls both sides make, with the same ids and values: two signals of one new stream run in
	 * two streams (its first, then one after it), the first stream's signals, a checkpoint saved
	 * then saved over, and loaded.
	 */
	private record Calls(String firstStream, String secondStream, String streamRun, String firstSignal,
			String secondSignal, String stepRun) {

		static Calls fresh() {
			return new Calls(Fixtures.id("check-stream"), Fixtures.id("check-stream"), Fixtures.id("check-stream-run"),
					Fixtures.id("check-sig"), Fixtures.id("check-sig"), Fixtures.id("check-step-run"));
		}

		Sent sendThrough(WorkflowOps ops, StatementRecordingDataSource recording) {
			recording.clear();
			List<Object> answers = new ArrayList<>();
			answers.add(ops.publishSignal(signal(this.firstSignal, this.firstStream)));
			answers.add(ops.publishSignal(signal(this.secondSignal, this.secondStream)));
			answers.add(ops.getSignals(this.firstStream, 0, 100).stream().map(Calls::timeless).toList());
			ops.saveCheckpoint(this.stepRun, Fixtures.CHECKPOINT_DATA);
			ops.saveCheckpoint(this.stepRun, Fixtures.CHECKPOINT_DATA);
			answers.add(ops.loadCheckpoint(this.stepRun).map(Calls::timeless));
			return new Sent(recording.recordedStatements(), answers);
		}

		void undo(DataSource database) {
			JdbcClient jdbc = JdbcClient.create(database);
			jdbc.sql(DELETE_SIGNALS).param(this.streamRun).update();
			jdbc.sql(DELETE_CHECKPOINT).param(this.stepRun).update();
		}

		private NewSignal signal(String signalId, String streamId) {
			return NewSignal.of(signalId, streamId, Fixtures.SIGNAL_TYPE, Fixtures.SIGNAL_PAYLOAD).inStreamRun(this.streamRun);
		}

		private static Signal timeless(Signal signal) {
			return new Signal(signal.signalId(), signal.streamId(), signal.streamRunId(), signal.sequence(),
					signal.signalType(), signal.payload(), Instant.EPOCH, signal.sourceRunId(), signal.metadata());
		}

		private static Checkpoint timeless(Checkpoint checkpoint) {
			return new Checkpoint(checkpoint.stepRunId(), checkpoint.data(), Instant.EPOCH, Instant.EPOCH);
		}

	}

}
