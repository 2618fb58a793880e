package dev.workflow.storage.citus.pyworkflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pyworkflow 45fbe4c's retention pass ({@code delete_old_runs}, one transaction) and ours (in
 * batches) on one database at the same moment, as its beat and our scheduler would: together they
 * delete exactly the old ended runs with everything of theirs, each row once, and keep the rest
 * whole. pyworkflow's transaction may lose a deadlock to one of our batches and roll back (it
 * retries at its next beat); ours retries the batch and finishes.
 */
@EnabledIfPyworkflow
class PyworkflowConcurrentRetentionTests {

	private static final PyworkflowVersion PYWORKFLOW = PyworkflowVersion.V45FBE4C;

	private static final int OLD_RUNS = 600;

	// why: ours starts first, so pyworkflow's single transaction begins in the middle of our batches.
	private static final long PYWORKFLOW_LATER_MILLIS = 300;

	// why: long enough for the driver to start Python and connect, so both passes begin together.
	private static final long START_DELAY_MILLIS = 8000;

	@ParameterizedTest(name = "{0} / pyworkflow 45fbe4c / retention / pyworkflow''s delete_old_runs and ours at once")
	@EnumSource(Backend.class)
	void bothPassesTogetherDeleteWhatEitherDeletesAloneAndKeepTheRest(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_retention")) {
			database.migrate();
			database.pyworkflowConnect(PYWORKFLOW);
			WorkflowStorage storage = database.storage();
			Instant cutoff = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofDays(30));
			List<String> old = new ArrayList<>();
			for (int i = 0; i < OLD_RUNS; i++) {
				old.add(TestData.runWithEverything(storage, (i % 2 == 0) ? RunStatus.COMPLETED : RunStatus.FAILED,
						cutoff.minusSeconds(1 + i)));
			}
			List<String> kept = List.of(TestData.runWithEverything(storage, RunStatus.RUNNING, cutoff.minusSeconds(5)),
					TestData.runWithEverything(storage, RunStatus.COMPLETED, cutoff.plusSeconds(5)));
			long startAt = System.currentTimeMillis() + START_DELAY_MILLIS;
			PyworkflowDriver.Running pyworkflow = PYWORKFLOW.driver()
				.start("delete-old-runs", database.driverArguments("older_than", FixtureJson.timestamp(cutoff),
						"start_at", (startAt + PYWORKFLOW_LATER_MILLIS) / 1000.0));
			sleepUntil(startAt);
			RetentionPass ours = storage.deleteOldRuns(cutoff, 5);
			JsonNode theirs = pyworkflow.await();

			JdbcClient sql = database.jdbc();
			assertThat(sql.sql("SELECT run_id FROM workflow_runs").query(String.class).list())
				.containsExactlyInAnyOrderElementsOf(kept);
			for (String runId : kept) {
				assertThat(TestData.rowsOfRun(sql, runId)).as("rows of kept run %s", runId).isEqualTo(5);
			}
			for (String table : List.of("events", "steps", "hooks", "cancellation_flags")) {
				assertThat(sql.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single()).as(table)
					.isEqualTo(kept.size());
			}
			assertThat(sql.sql("SELECT COUNT(*) FROM checkpoints").query(Integer.class).single()).isEqualTo(kept.size());
			long pyworkflowDeleted = theirs.get("ok").asBoolean() ? theirs.get("deleted").asLong() : 0;
			assertThat(ours.runs() + pyworkflowDeleted).as("runs deleted by ours (%s) and by pyworkflow (%s)", ours,
					theirs)
				.isEqualTo(OLD_RUNS);
			if (!theirs.get("ok").asBoolean()) {
				assertThat(Set.of("DeadlockDetectedError", "TransactionRollbackError")).as("pyworkflow's failure: %s", theirs)
					.contains(theirs.get("error").asString());
			}
			System.out.println("[workflow-storage] " + backend + " retention at once: ours deleted " + ours.runs()
					+ " runs in " + ours.batches() + " batches; pyworkflow 45fbe4c's " + theirs);
		}
	}

	private static void sleepUntil(long epochMillis) {
		try {
			Thread.sleep(Math.max(0, epochMillis - System.currentTimeMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
