package dev.workflow.storage.postgres;

import java.time.Instant;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many statements each stream operation sends: one where pyworkflow sends one, and never
 * more than pyworkflow. A publish sends its advisory lock and its insert as one statement text,
 * one round trip; pyworkflow sends a read of the highest sequence, then the insert.
 */
class StreamStatementsTests {

	private final StatementRecordingDataSource recording = new StatementRecordingDataSource(
			EmbeddedPostgresServer.newMigratedDatabase("stream_statements"));

	private final WorkflowStorage storage = new PostgresWorkflowStorage(this.recording);

	@Test
	void everyStreamOperationSendsOneStatementButPendingSignalsAndAStreamRunsFirstSignal() {
		String stream = TestData.id("stream");
		String streamRun = TestData.id("stream-run");
		String step = TestData.id("step-run");
		assertStatements(1, () -> this.storage.createStream(stream, "{}"));
		assertStatements(1, () -> this.storage.getStream(stream));
		assertStatements(3, () -> this.storage.publishSignal(signal(stream, streamRun)));
		assertStatements(1, () -> this.storage.publishSignal(signal(stream, streamRun)));
		assertStatements(1, () -> this.storage.getSignals(stream, 0, 100));
		assertStatements(1, () -> this.storage.queryStreamSignals(SignalQuery.of(stream, streamRun).lastOnes(5)));
		assertStatements(1, () -> this.storage.registerStreamSubscription(stream, step, List.of("task.created"), streamRun));
		assertStatements(2, () -> this.storage.getPendingSignals(stream, step));
		assertStatements(1, () -> this.storage.acknowledgeSignal("sig", step));
		assertStatements(1, () -> this.storage.getWaitingSteps(stream, "task.created", streamRun));
		assertStatements(1, () -> this.storage.getSubscriptionsForStream(stream, "task.created", null));
		assertStatements(1, () -> this.storage.getSubscriptionStates(stream, streamRun));
		assertStatements(1, () -> this.storage.updateSubscriptionStatus(stream, step, SubscriptionStatus.RUNNING));
		assertStatements(1, () -> this.storage.setSubscriptionResult(stream, step, "{\"done\": true}"));
		assertStatements(1, () -> this.storage.setStreamParentLink(stream, streamRun, new StreamParentLink("run", "run:hook")));
		assertStatements(1, () -> this.storage.getStreamParentLink(stream, streamRun));
		String id = this.storage.scheduleSignal(NewScheduledSignal.of(stream, "tick", "{}", Instant.now()));
		assertStatements(1, () -> this.storage.fetchDueScheduledSignals(Instant.now(), 10));
		assertStatements(1, () -> this.storage.markScheduledSignalDelivered(id));
		assertStatements(1, () -> this.storage.saveCheckpoint(step, "{\"cursor\": 1}"));
		assertStatements(1, () -> this.storage.loadCheckpoint(step));
		assertStatements(1, () -> this.storage.deleteCheckpoint(step));
		assertStatements(1, () -> this.storage.listRunSummaries(RunFilter.all()));
	}

	@Test
	void runSummariesReadNoneOfTheUnboundedColumns() {
		this.storage.createRun(TestData.run(Instant.now()).inputKwargs("{\"big\": 1}").build());
		this.recording.clear();
		assertThat(this.storage.listRunSummaries(RunFilter.all().withQuery("big")).runs()).isNotEmpty();
		String sql = this.recording.statements().get(0);
		String selected = sql.substring(0, sql.indexOf(" FROM "));
		assertThat(selected).contains("run_id", "workflow_name", "status", "error")
			.doesNotContain("input_args", "input_kwargs", "result", "metadata");
		assertThat(sql).contains("ORDER BY created_at DESC, run_id DESC");
	}

	private static NewSignal signal(String stream, String streamRun) {
		return NewSignal.of(TestData.id("sig"), stream, "task.created", "{}").inStreamRun(streamRun);
	}

	private void assertStatements(int count, Runnable operation) {
		this.recording.clear();
		operation.run();
		assertThat(this.recording.statements()).hasSize(count);
	}

}
