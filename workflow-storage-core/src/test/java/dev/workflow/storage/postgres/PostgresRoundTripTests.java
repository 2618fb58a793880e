package dev.workflow.storage.postgres;

import java.time.Instant;
import java.util.List;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements the PostgreSQL backend sends: one per operation in the common case, each
 * naming the run it concerns.
 */
class PostgresRoundTripTests {

	private final StatementRecordingDataSource dataSource = new StatementRecordingDataSource(
			EmbeddedPostgresServer.newMigratedDatabase("round_trips"));

	private final PostgresWorkflowStorage storage = new PostgresWorkflowStorage(this.dataSource);

	@Test
	void hotPathOperationsAreOneStatementNamingTheRun() {
		WorkflowRun run = TestData.run(Instant.now()).build();
		this.storage.createRun(run);
		this.dataSource.clear();
		this.storage.recordEvent(TestData.event(run.runId(), "workflow.started", Instant.now(), "{}"));
		this.storage.recordEvents(run.runId(), List.of(TestData.event(run.runId(), "step.started", Instant.now(), "{}"),
				TestData.event(run.runId(), "step.completed", Instant.now(), "{}")));
		this.storage.getEvents(run.runId());
		this.storage.tryClaimRun(run.runId(), RunStatus.PENDING, RunStatus.RUNNING);
		this.storage.updateRunStatus(run.runId(), RunStatus.COMPLETED, "1", null);
		assertThat(this.dataSource.statements()).hasSize(5).allSatisfy((sql) -> assertThat(sql).contains("run_id = ?"));
		assertThat(this.storage.getEvents(run.runId())).extracting(Event::sequence).containsExactly(0, 1, 2);
	}

}
