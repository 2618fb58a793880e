package dev.workflow.storage.benchmarks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.StatementRecordingDataSource;

/**
 * Counts the statements (round trips) each operation sends, through a data source that records
 * them.
 */
final class RoundTrips {

	private static final int CALLS = 20;

	private RoundTrips() {
	}

	static Map<String, Double> count(DataSource database, java.util.function.Function<DataSource, WorkflowStorage> storageFactory) {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		WorkflowStorage storage = storageFactory.apply(recording);
		WorkflowRun claimed = Fixtures.newRun();
		storage.createRun(claimed);
		WorkflowRun log = Fixtures.newRun();
		storage.createRun(log);
		storage.recordEvents(log.runId(), Fixtures.newEvents(log.runId(), 100));
		storage.createSchedule(Schedule.active(Fixtures.id("sched"), "bench_workflow", ScheduleSpec.cron("0 * * * *"),
				Instant.now().minusSeconds(5), Instant.now()));
		String streamRun = Fixtures.id("stream-run");
		List<String> streams = Fixtures.ids("stream", SignalBenchmarks.STREAMS);
		for (String stream : streams) {
			storage.publishSignal(Fixtures.newSignal(stream, streamRun));
		}
		String stepRun = Fixtures.id("step-run");
		storage.saveCheckpoint(stepRun, Fixtures.CHECKPOINT_DATA);
		String cursor = storage.listRuns(RunFilter.all().withLimit(1)).runs().get(0).runId();
		Map<String, Consumer<Integer>> operations = new LinkedHashMap<>();
		operations.put("createRun", (i) -> storage.createRun(Fixtures.newRun()));
		operations.put("recordEvent", (i) -> storage.recordEvent(Fixtures.newEvent(log.runId())));
		operations.put("recordEventsBatchOf100", (i) -> storage.recordEvents(log.runId(), Fixtures.newEvents(log.runId(), 100)));
		operations.put("getEvents", (i) -> storage.getEvents(log.runId()));
		operations.put("listRunsFirstPage", (i) -> storage.listRuns(RunFilter.all().withLimit(100)));
		operations.put("listRunsDeepPage", (i) -> storage.listRuns(RunFilter.all().withLimit(100).withCursor(cursor)));
		operations.put("tryClaimRun", (i) -> storage.tryClaimRun(claimed.runId(),
				(i % 2 == 0) ? RunStatus.PENDING : RunStatus.RUNNING, (i % 2 == 0) ? RunStatus.RUNNING : RunStatus.PENDING));
		operations.put("getDueSchedules", (i) -> storage.getDueSchedules(Instant.now()));
		// A stream run's first signal takes three (in a transaction); these follow it.
		operations.put("publishSignal", (i) -> storage.publishSignal(Fixtures.newSignal(streams.get(i % streams.size()),
				streamRun)));
		operations.put("getSignals", (i) -> storage.getSignals(streams.get(0), 0, 100));
		operations.put("saveCheckpoint", (i) -> storage.saveCheckpoint(stepRun, Fixtures.CHECKPOINT_DATA));
		operations.put("loadCheckpoint", (i) -> storage.loadCheckpoint(stepRun));
		Map<String, Double> perOperation = new LinkedHashMap<>();
		operations.forEach((name, operation) -> {
			recording.clear();
			for (int i = 0; i < CALLS; i++) {
				operation.accept(i);
			}
			perOperation.put(name, recording.statements().size() / (double) CALLS);
		});
		return perOperation;
	}

}
