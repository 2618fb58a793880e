package dev.workflow.storage.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.WorkflowRun;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Data the benchmarks start from, and cheap unique ids (the same for library and floor).
 */
final class Fixtures {

	/**
	 * The type of every signal the benchmarks publish.
	 */
	static final String SIGNAL_TYPE = "task.created";

	/**
	 * The payload of every signal the benchmarks publish, as pyworkflow's floor publishes it too.
	 */
	static final String SIGNAL_PAYLOAD = "{\"task_id\": \"task-17\", \"priority\": 2, \"tags\": [\"billing\"]}";

	/**
	 * The state every checkpoint the benchmarks save holds, as pyworkflow's floor saves it too.
	 */
	static final String CHECKPOINT_DATA = "{\"processed\": 42, \"cursor\": \"sig-17\", \"totals\": {\"ok\": 40, \"failed\": 2}}";

	private static final AtomicLong ids = new AtomicLong();

	private Fixtures() {
	}

	static String id(String prefix) {
		return prefix + "-" + ProcessHandle.current().pid() + "-" + ids.incrementAndGet();
	}

	static WorkflowRun newRun() {
		return WorkflowRun.builder(id("run"), "bench_workflow").createdAt(Instant.now()).build();
	}

	static Event newEvent(String runId) {
		return Event.of(id("evt"), runId, "step.completed", Instant.now(), "{\"step_id\": \"charge\", \"attempt\": 1}");
	}

	static List<Event> newEvents(String runId, int count) {
		List<Event> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			events.add(newEvent(runId));
		}
		return events;
	}

	static NewSignal newSignal(String streamId, String streamRunId) {
		return NewSignal.of(id("sig"), streamId, SIGNAL_TYPE, SIGNAL_PAYLOAD).inStreamRun(streamRunId);
	}

	static List<String> ids(String prefix, int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(id(prefix));
		}
		return ids;
	}

	/**
	 * Publishes {@code count} signals to a new stream, in a stream run of its own, and returns the
	 * stream's id.
	 */
	static String streamWithSignals(Backend backend, int count) {
		String streamId = id("stream");
		String streamRunId = id("stream-run");
		for (int i = 0; i < count; i++) {
			backend.ops().publishSignal(newSignal(streamId, streamRunId));
		}
		return streamId;
	}

	static String runWithEvents(Backend backend, int count) {
		WorkflowRun run = newRun();
		backend.ops().createRun(run);
		for (int done = 0; done < count; done += 100) {
			backend.ops().recordEvents(run.runId(), newEvents(run.runId(), Math.min(100, count - done)));
		}
		return run.runId();
	}

	/**
	 * Fills {@code workflow_runs} with {@code count} runs one millisecond apart (in one statement on
	 * SQL backends) and returns the id of the run at the middle, the cursor of a deep page.
	 */
	static String runs(Backend backend, int count) {
		Instant start = Instant.now().minus(Duration.ofDays(1));
		if (backend.dataSource() == null) {
			for (int i = 0; i < count; i++) {
				backend.ops().createRun(WorkflowRun.builder("bulk-" + i, "bulk_workflow")
					.createdAt(start.plusMillis(i))
					.build());
			}
		}
		else {
			JdbcClient.create(backend.dataSource()).sql("""
					INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at, input_args,
						input_kwargs, metadata, recovery_attempts, max_recovery_attempts, recover_on_worker_loss,
						nesting_depth)
					SELECT 'bulk-' || g, 'bulk_workflow', 'completed', ?::timestamptz + g * interval '1 millisecond',
						?::timestamptz, '[]', '{}', '{}', 0, 3, true, 0
					FROM generate_series(0, ? - 1) AS g""")
				.params(start.toString(), start.toString(), count)
				.update();
			JdbcClient.create(backend.dataSource()).sql("ANALYZE workflow_runs").update();
		}
		// Page down to the middle of the table, as a client would.
		RunFilter filter = RunFilter.all().withLimit(count / 10);
		String cursor = null;
		for (int page = 0; page < 5; page++) {
			cursor = backend.ops().listRuns(filter.withCursor(cursor)).nextCursor().orElseThrow();
		}
		return cursor;
	}

}
