package dev.workflow.storage.testing;

import java.time.Instant;
import java.util.UUID;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Unique ids and small valid values, so tests can share one store without seeing each other.
 */
public final class TestData {

	private TestData() {
	}

	public static String id(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	public static WorkflowRun.Builder run(Instant createdAt) {
		return WorkflowRun.builder(id("run"), "order_workflow").createdAt(createdAt);
	}

	public static Event event(String runId, String type, Instant at, String data) {
		return Event.of(id("evt"), runId, type, at, data);
	}

	public static Step step(String runId, Instant createdAt) {
		return Step.pending(id("step"), runId, "charge_card", createdAt);
	}

	public static Hook hook(String runId, Instant createdAt) {
		return Hook.pending(id("hook"), runId, createdAt);
	}

	public static Schedule schedule(String workflowName, Instant nextRunTime, Instant createdAt) {
		return Schedule.active(id("sched"), workflowName, ScheduleSpec.cron("0 9 * * *"), nextRunTime, createdAt);
	}

	/**
	 * Stores a run in a status, last updated at a time, with one of everything that retention
	 * deletes with it: an event, a step with a checkpoint, a hook and a cancellation flag.
	 * @param storage the storage
	 * @param status the run's status
	 * @param updatedAt its last update
	 * @return the run's id
	 */
	public static String runWithEverything(WorkflowStorage storage, RunStatus status, Instant updatedAt) {
		WorkflowRun run = run(updatedAt.minusSeconds(60)).status(status).updatedAt(updatedAt).build();
		storage.createRun(run);
		storage.recordEvent(event(run.runId(), "workflow.started", run.createdAt(), "{}"));
		Step step = step(run.runId(), run.createdAt());
		storage.createStep(step);
		storage.saveCheckpoint(step.stepId(), "{\"cursor\": 1}");
		storage.createHook(hook(run.runId(), run.createdAt()));
		storage.setCancellationFlag(run.runId());
		return run.runId();
	}

	/**
	 * How many rows of a run's event, steps, their checkpoints, hooks and flag a database holds:
	 * 5 for a whole {@link #runWithEverything} run, 0 for one retention deleted.
	 * @param sql the database
	 * @param runId the run's id
	 * @return the count
	 */
	public static int rowsOfRun(JdbcClient sql, String runId) {
		return sql.sql("""
				SELECT (SELECT COUNT(*) FROM events WHERE run_id = ?) + (SELECT COUNT(*) FROM steps WHERE run_id = ?)
					+ (SELECT COUNT(*) FROM hooks WHERE run_id = ?) + (SELECT COUNT(*) FROM cancellation_flags WHERE run_id = ?)
					+ (SELECT COUNT(*) FROM checkpoints WHERE step_run_id IN (SELECT step_id FROM steps WHERE run_id = ?))""")
			.params(runId, runId, runId, runId, runId)
			.query(Integer.class)
			.single();
	}

	/**
	 * A signal with a unique id, an empty payload and no source run or metadata.
	 * @param streamId the stream
	 * @param streamRunId the stream run, or {@code null} for none
	 * @param signalType the type
	 * @return the signal
	 */
	public static NewSignal signal(String streamId, @Nullable String streamRunId, String signalType) {
		return NewSignal.of(id("sig"), streamId, signalType, "{}").inStreamRun(streamRunId);
	}

}
