package dev.workflow.storage.testing;

import java.time.Instant;
import java.util.UUID;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

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
