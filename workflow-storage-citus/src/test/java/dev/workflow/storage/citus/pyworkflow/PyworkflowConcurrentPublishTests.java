package dev.workflow.storage.citus.pyworkflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.NewSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow 45fbe4c's publishers and ours numbering signals of one stream run at the same moment:
 * pyworkflow's publish_signal reads the highest sequence and inserts after it with no lock, so it
 * may lose a race to a unique violation, as it does against itself; ours must lose no signal and
 * return each one's sequence.
 */
@EnabledIfPyworkflow
class PyworkflowConcurrentPublishTests {

	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V45FBE4C;

	private static final int PUBLISHERS = 4;

	private static final int SIGNALS_PER_PUBLISHER = 40;

	private static final String STREAM_ID = "stream-published-by-both";

	private static final String STREAM_RUN_ID = "srun-published-by-both";

	// why: long enough for the driver to start Python and connect (on Citus connect() also checks
	// its distribution), so both sides begin together.
	private static final long START_DELAY_MILLIS = 8000;

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c / concurrent signal publishing / pyworkflow''s and our publishers on one stream run")
	@EnumSource(Backend.class)
	void ourPublishesAreNeitherLostNorDuplicated(Backend backend) throws Exception {
		try (SharedDatabase database = backend.newDatabase("pyw_publish")) {
			database.migrate();
			database.pyworkflowConnect(PYWORKFLOW);
			WorkflowStorage storage = database.storage();
			storage.createStream(STREAM_ID, null);
			long startAt = System.currentTimeMillis() + START_DELAY_MILLIS;
			PyworkflowDriver.Running pyworkflow = PYWORKFLOW.driver()
				.start("publish", database.driverArguments("stream_id", STREAM_ID, "stream_run_id", STREAM_RUN_ID,
						"tasks", PUBLISHERS, "signals_per_task", SIGNALS_PER_PUBLISHER, "signal_prefix", "py",
						"start_at", startAt / 1000.0));
			Map<String, Integer> ours = new ConcurrentHashMap<>();
			ConcurrentLinkedQueue<String> ourFailures = new ConcurrentLinkedQueue<>();
			ExecutorService executor = Executors.newFixedThreadPool(PUBLISHERS);
			try {
				List<Future<?>> publishers = new ArrayList<>();
				for (int publisher = 0; publisher < PUBLISHERS; publisher++) {
					String prefix = "java-" + publisher + "-";
					List<String> ids = IntStream.range(0, SIGNALS_PER_PUBLISHER).mapToObj((n) -> prefix + n).toList();
					publishers.add(executor.submit(() -> publish(storage, ids, startAt, ours, ourFailures)));
				}
				for (Future<?> publisher : publishers) {
					publisher.get();
				}
			}
			finally {
				executor.shutdown();
			}
			JsonNode result = pyworkflow.await();
			assertThat(ourFailures).as("failures of our publishSignal").isEmpty();
			assertThat(ours).as("our publishes").hasSize(PUBLISHERS * SIGNALS_PER_PUBLISHER);
			assertThat(Set.copyOf(ours.values())).as("sequences our publishSignal returned").hasSize(ours.size());
			Set<String> pyworkflowFailureTypes = Set.copyOf(result.get("failures").propertyNames());
			assertThat(pyworkflowFailureTypes).as("pyworkflow's failures: %s", result.get("failure_messages"))
				.isSubsetOf(Set.of("UniqueViolationError"));
			Map<String, Integer> theirs = new HashMap<>();
			result.get("published").properties().forEach((entry) -> theirs.put(entry.getKey(), entry.getValue().asInt()));
			Map<String, Integer> rows = new HashMap<>();
			database.jdbc()
				.sql("SELECT signal_id, sequence FROM signals WHERE stream_run_id = ?")
				.param(STREAM_RUN_ID)
				.query((rs, n) -> rows.put(rs.getString(1), rs.getInt(2)))
				.list();
			Map<String, Integer> expected = new HashMap<>(ours);
			expected.putAll(theirs);
			assertThat(rows).as("the stream run's signals, each with the sequence its publisher got").isEqualTo(expected);
			assertThat(rows.values()).as("sequences of %s", STREAM_RUN_ID)
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(IntStream.range(0, rows.size()).boxed().toList());
			System.out.println("[workflow-storage] " + backend + " concurrent publishes: ours " + ours.size()
					+ ", pyworkflow 45fbe4c's " + theirs.size() + " published and " + result.get("failures")
					+ " failed; pyworkflow started " + result.get("started_late_by_seconds") + " s late");
		}
	}

	private static void publish(WorkflowStorage storage, List<String> signalIds, long startAt,
			Map<String, Integer> published, ConcurrentLinkedQueue<String> failures) {
		try {
			Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		for (String signalId : signalIds) {
			try {
				published.put(signalId, storage.publishSignal(
						NewSignal.of(signalId, STREAM_ID, "tick", "{\"writer\": \"java\"}").inStreamRun(STREAM_RUN_ID)));
			}
			catch (RuntimeException ex) {
				failures.add(signalId + ": " + ex);
			}
		}
	}

}
