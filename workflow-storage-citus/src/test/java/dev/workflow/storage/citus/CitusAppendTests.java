package dev.workflow.storage.citus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appends on Citus: after a run's first append, one {@code INSERT ... VALUES} at the expected
 * sequence that Citus sends to the run's worker alone, and never a skipped or repeated sequence
 * when the expectation is stale.
 */
@EnabledIfCitus
class CitusAppendTests {

	private final DataSource dataSource = CitusClusters.newMigratedDatabase("appends");

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	private WorkflowRun createdRun(WorkflowStorage storage) {
		WorkflowRun run = TestData.run(Instant.now()).build();
		storage.createRun(run);
		return run;
	}

	private static Event event(WorkflowRun run) {
		return TestData.event(run.runId(), "step.completed", Instant.now(), "{\"step_id\": \"charge\"}");
	}

	private List<Integer> sequences(WorkflowRun run) {
		return this.jdbc.sql("SELECT sequence FROM events WHERE run_id = ? ORDER BY sequence")
			.param(run.runId())
			.query(Integer.class)
			.list();
	}

	@Test
	void appendsAfterARunsFirstAreOneInsertValuesThatCitusRoutesToOneWorker() {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(this.dataSource);
		WorkflowStorage storage = new CitusWorkflowStorage(recording);
		WorkflowRun run = createdRun(storage);
		storage.recordEvent(event(run));
		recording.clear();
		Event second = event(run);
		assertThat(storage.recordEvent(second)).isEqualTo(1);
		assertThat(storage.recordEvent(event(run))).isEqualTo(2);
		assertThat(recording.statements()).hasSize(2).allSatisfy((sql) -> assertThat(sql).contains("VALUES (?"));
		String plan = String.join("\n",
				this.jdbc.sql("EXPLAIN " + recording.statements().get(0))
					.params("evt-explained", run.runId(), 3, second.type(), second.timestamp().atOffset(java.time.ZoneOffset.UTC),
							second.data(), "charge")
					.query(String.class)
					.list());
		assertThat(plan).contains("Task Count: 1").doesNotContain("pull to coordinator").doesNotContain("repartition");
		assertThat(sequences(run)).containsExactly(0, 1, 2);
		assertThat(this.jdbc.sql("SELECT step_id FROM events WHERE run_id = ? AND sequence = 1")
			.param(run.runId())
			.query(String.class)
			.single()).isEqualTo("charge");
	}

	@Test
	void processesAppendingToOneRunInTurnNeitherSkipNorRepeatASequence() {
		WorkflowStorage first = new CitusWorkflowStorage(this.dataSource);
		WorkflowStorage second = new CitusWorkflowStorage(this.dataSource);
		WorkflowRun run = createdRun(first);
		List<Integer> assigned = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			assigned.add(first.recordEvent(event(run)));
			assigned.add(second.recordEvent(event(run)));
			// pyworkflow's appenders write MAX + 1 themselves.
			this.jdbc.sql("""
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data)
					SELECT ?, ?, COALESCE(MAX(sequence), -1) + 1, 'step.started', now(), '{}' FROM events WHERE run_id = ?""")
				.params("py-" + i, run.runId(), run.runId())
				.update();
		}
		assertThat(assigned).doesNotHaveDuplicates();
		assertThat(sequences(run)).hasSize(30).isEqualTo(java.util.stream.IntStream.range(0, 30).boxed().toList());
	}

	@Test
	void batchesAtExpectedSequencesAreOneInsertAndStaleOnesFallBack() {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(this.dataSource);
		WorkflowStorage first = new CitusWorkflowStorage(recording);
		WorkflowStorage second = new CitusWorkflowStorage(this.dataSource);
		WorkflowRun run = createdRun(first);
		assertThat(first.recordEvents(run.runId(), List.of(event(run), event(run)))).containsExactly(0, 1);
		recording.clear();
		assertThat(first.recordEvents(run.runId(), List.of(event(run), event(run), event(run))))
			.containsExactly(2, 3, 4);
		assertThat(recording.statements()).singleElement()
			.satisfies((sql) -> assertThat(sql).contains("VALUES (?, ?, ?, ?, ?, ?, ?), (?"));
		assertThat(second.recordEvents(run.runId(), List.of(event(run), event(run)))).containsExactly(5, 6);
		// first's expectation (5) is stale now: it falls back to the highest sequence.
		assertThat(first.recordEvents(run.runId(), List.of(event(run), event(run)))).containsExactly(7, 8);
		assertThat(first.recordEvent(event(run))).isEqualTo(9);
		assertThat(sequences(run)).isEqualTo(java.util.stream.IntStream.range(0, 10).boxed().toList());
	}

	@Test
	void anAppendRolledBackInTheCallersTransactionLeavesNoGap() {
		WorkflowStorage storage = new CitusWorkflowStorage(this.dataSource);
		WorkflowRun run = createdRun(storage);
		assertThat(storage.recordEvent(event(run))).isZero();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		transaction.executeWithoutResult((status) -> {
			assertThat(storage.recordEvent(event(run))).isEqualTo(1);
			status.setRollbackOnly();
		});
		assertThat(storage.recordEvent(event(run))).isEqualTo(1);
		assertThat(storage.recordEvent(event(run))).isEqualTo(2);
		assertThat(sequences(run)).containsExactly(0, 1, 2);
	}

}
