package dev.workflow.storage.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * The operations measured, so the library and the plain-JDBC floor run the same benchmark code.
 */
interface WorkflowOps {

	void createRun(WorkflowRun run);

	int recordEvent(Event event);

	List<Integer> recordEvents(String runId, List<Event> events);

	List<Event> getEvents(String runId);

	RunPage listRuns(RunFilter filter);

	boolean tryClaimRun(String runId, RunStatus fromStatus, RunStatus toStatus);

	List<Schedule> getDueSchedules(Instant now);

	int publishSignal(NewSignal signal);

	List<Signal> getSignals(String streamId, int fromSequence, int limit);

	void saveCheckpoint(String stepRunId, String data);

	Optional<Checkpoint> loadCheckpoint(String stepRunId);

}
