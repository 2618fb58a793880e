package dev.workflow.storage.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.WorkflowRun;

/**
 * The operations through the library.
 */
record LibraryOps(WorkflowStorage storage) implements WorkflowOps {

	@Override
	public void createRun(WorkflowRun run) {
		this.storage.createRun(run);
	}

	@Override
	public int recordEvent(Event event) {
		return this.storage.recordEvent(event);
	}

	@Override
	public List<Integer> recordEvents(String runId, List<Event> events) {
		return this.storage.recordEvents(runId, events);
	}

	@Override
	public List<Event> getEvents(String runId) {
		return this.storage.getEvents(runId);
	}

	@Override
	public RunPage listRuns(RunFilter filter) {
		return this.storage.listRuns(filter);
	}

	@Override
	public boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus) {
		return this.storage.tryClaimRun(runId, fromStatus, toStatus);
	}

	@Override
	public List<Schedule> getDueSchedules(Instant now) {
		return this.storage.getDueSchedules(now);
	}

	@Override
	public int publishSignal(NewSignal signal) {
		return this.storage.publishSignal(signal);
	}

	@Override
	public List<Signal> getSignals(String streamId, int fromSequence, int limit) {
		return this.storage.getSignals(streamId, fromSequence, limit);
	}

	@Override
	public void saveCheckpoint(String stepRunId, String data) {
		this.storage.saveCheckpoint(stepRunId, data);
	}

	@Override
	public Optional<Checkpoint> loadCheckpoint(String stepRunId) {
		return this.storage.loadCheckpoint(stepRunId);
	}

}
