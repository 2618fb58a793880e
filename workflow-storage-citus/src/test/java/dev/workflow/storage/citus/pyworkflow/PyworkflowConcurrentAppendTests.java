package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow's workers and ours appending to one run's event log at the same moment: pyworkflow's
 * record_event does not retry and may lose a race, ours must not, and the log never holds a
 * duplicate or a gap.
 */
@EnabledIfPyworkflow
class PyworkflowConcurrentAppendTests {

	private static final int WRITERS = 4;

	private static final int EVENTS_PER_WRITER = 40;

	// why: long enough for the driver to start Python and connect (on Citus connect() also checks
	// its distribution), so both sides begin together.
	private static final long START_DELAY_MILLIS = 8000;

	// why: 2aed3e2's record_event, the one the benchmarks' floor measures; 45fbe4c's is the same,
	// and its new race (publish_signal) has PyworkflowConcurrentPublishTests.
	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V2AED3E2;

	@ParameterizedTest(name = "{0} / pyworkflow 2aed3e2 / concurrent appends / pyworkflow and our writers on one run")
	@EnumSource(Backend.class)
	void appendsNeverDuplicateOrSkipSequences(Backend backend) throws Exception {
		String runId = "run-appended-by-both";
		try (SharedDatabase database = backend.newDatabase("pyw_append")) {
			database.migrate();
			database.pyworkflowConnect(PYWORKFLOW);
			WorkflowStorage storage = database.storage();
			storage.createRun(WorkflowRun.builder(runId, "compat").build());
			long startAt = System.currentTimeMillis() + START_DELAY_MILLIS;
			PyworkflowDriver.Running pyworkflow = PYWORKFLOW.driver()
				.start("append", database.driverArguments("run_id", runId, "tasks", WRITERS, "events_per_task",
						EVENTS_PER_WRITER, "event_prefix", "py", "start_at", startAt / 1000.0));
			List<String> ours = new ArrayList<>();
			ConcurrentLinkedQueue<String> ourFailures = new ConcurrentLinkedQueue<>();
			ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
			try {
				List<Future<?>> writers = new ArrayList<>();
				for (int writer = 0; writer < WRITERS; writer++) {
					String prefix = "java-" + writer + "-";
					List<String> ids = IntStream.range(0, EVENTS_PER_WRITER).mapToObj((n) -> prefix + n).toList();
					ours.addAll(ids);
					writers.add(executor.submit(() -> append(storage, runId, ids, startAt, ourFailures)));
				}
				for (Future<?> writer : writers) {
					writer.get();
				}
			}
			finally {
				executor.shutdown();
			}
			JsonNode result = pyworkflow.await();
			assertThat(ourFailures).as("failures of our recordEvent").isEmpty();
			Set<String> pyworkflowFailureTypes = new HashSet<>(result.get("failures").propertyNames());
			assertThat(pyworkflowFailureTypes).as("pyworkflow's failures: %s", result.get("failure_messages"))
				.isSubsetOf(Set.of("UniqueViolationError"));
			List<String> pyworkflowWritten = new ArrayList<>();
			result.get("written").forEach((id) -> pyworkflowWritten.add(id.asString()));
			List<Map<String, Object>> rows = database.jdbc()
				.sql("SELECT event_id, sequence FROM events WHERE run_id = ? ORDER BY sequence, event_id")
				.param(runId)
				.query()
				.listOfRows();
			List<Integer> sequences = rows.stream().map((row) -> ((Number) row.get("sequence")).intValue()).toList();
			assertThat(sequences).as("sequences of %s", runId)
				.doesNotHaveDuplicates()
				.containsExactlyElementsOf(IntStream.range(0, rows.size()).boxed().toList());
			List<String> expectedIds = new ArrayList<>(ours);
			expectedIds.addAll(pyworkflowWritten);
			assertThat(rows).extracting((row) -> (String) row.get("event_id")).containsExactlyInAnyOrderElementsOf(expectedIds);
			System.out.println("[workflow-storage] " + backend + " concurrent appends: ours " + ours.size()
					+ ", pyworkflow's " + pyworkflowWritten.size() + " written and " + result.get("failures")
					+ " failed; pyworkflow started " + result.get("started_late_by_seconds") + " s late");
		}
	}

	private static void append(WorkflowStorage storage, String runId, List<String> eventIds, long startAt,
			ConcurrentLinkedQueue<String> failures) {
		try {
			Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		for (String eventId : eventIds) {
			try {
				storage.recordEvent(Event.of(eventId, runId, "step.completed", Instant.now(),
						"{\"step_id\": \"" + eventId + "\", \"writer\": \"java\"}"));
			}
			catch (RuntimeException ex) {
				failures.add(eventId + ": " + ex);
			}
		}
	}

}
