package dev.workflow.storage.citus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every statement the Citus backend sends for one run (or one schedule, key, token, stream or
 * stream run) is a router query: Citus plans it, with the parameters the driver really received,
 * as one task on one shard, without pulling rows to the coordinator or repartitioning them. The
 * statements that do go to every shard are listed in {@link #MULTI_SHARD}, each with why, and are
 * checked to really do so, so the list stays true both ways.
 *
 * <p>
 * A text of several statements sent in one round trip (publishSignal's advisory lock and insert)
 * is planned statement by statement, each with its own parameters. A statement on reference
 * tables only (streams, checkpoints, scheduled signals, acknowledgments) is routed when Citus plans
 * it as one task as well: a read runs on one placement of the table's single shard; a write is
 * one task that Citus runs on every placement of that shard in one transaction, which is
 * replication, not a fan-out over shards. So after an operation writes a reference table, every
 * node holds one placement of it, and all placements hold the same rows.
 */
@EnabledIfCitus
class CitusRoutingTests {

	/**
	 * Statements that go to every shard, and why (README's Citus section lists the same). The
	 * append that reads the highest sequence reads one shard, but Citus pulls its row to the
	 * coordinator to insert it, which is no router query either.
	 */
	static final List<MultiShard> MULTI_SHARD = List.of(
			new MultiShard("recordEvent, a run's first in a process", "COALESCE(MAX(e.sequence), -1) + 1, ?",
					"the INSERT ... SELECT reads the run and its highest sequence on the run's shard, and Citus "
							+ "pulls the row to the coordinator to insert it; the process then remembers the next "
							+ "sequence, and later appends are one INSERT ... VALUES"),
			new MultiShard("createRun with an idempotency key", "FROM workflow_runs WHERE idempotency_key = ?",
					"pyworkflow's workers do not fill workflow_idempotency_keys, so a key one of their runs "
							+ "holds is looked for in workflow_runs, distributed on run_id"),
			new MultiShard("getRunByIdempotencyKey of a key not in the key table",
					"FROM workflow_runs WHERE idempotency_key = ?",
					"the fallback for runs pyworkflow's workers wrote, which are not in workflow_idempotency_keys"),
			new MultiShard("createHook", "FROM hooks WHERE token = ?",
					"pyworkflow's workers do not fill hook_tokens, so a token one of their hooks holds is "
							+ "looked for in hooks, distributed on run_id"),
			new MultiShard("getHookByToken of a token not in hook_tokens", "FROM hooks WHERE token = ?",
					"the fallback for hooks pyworkflow's workers wrote, which are not in hook_tokens"),
			new MultiShard("getHook without a run id", "FROM hooks WHERE hook_id = ?",
					"without the run id, the hook can be on any shard"),
			new MultiShard("updateHookStatus without a run id", "UPDATE hooks",
					"without the run id, the hook can be on any shard"),
			new MultiShard("getStep", "FROM steps WHERE step_id = ?",
					"the API names only the step id, and steps are distributed on run_id"),
			new MultiShard("updateStepStatus", "UPDATE steps",
					"the API names only the step id, and steps are distributed on run_id"),
			new MultiShard("getChildren", "WHERE parent_run_id = ?",
					"children are distributed on their own run ids"),
			new MultiShard("listRuns", "FROM workflow_runs", "a listing of all runs"),
			new MultiShard("listHooks without a run id", "FROM hooks", "a listing of all runs' hooks"),
			new MultiShard("listSchedules", "FROM schedules", "a listing of all schedules"),
			new MultiShard("getDueSchedules", "FROM schedules", "due schedules can be on any shard"),
			new MultiShard("listRunSummaries", "FROM workflow_runs", "a listing of all runs"),
			new MultiShard("getSignals", "FROM signals WHERE stream_id = ?",
					"signals are distributed on stream_run_id, as pyworkflow distributes them, and a stream's "
							+ "signals of every stream run can be on any shard"),
			new MultiShard("getPendingSignals", "FROM signals s WHERE s.stream_id = ?",
					"a step's pending signals are those of every stream run of the stream, on any shard (its "
							+ "subscription, read first, is on the stream's shard)"));

	private static final Pattern TASK_COUNT = Pattern.compile("Task Count: (\\d+)");

	private static final Pattern WRITTEN_TABLE = Pattern
		.compile("^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

	private static final String REFERENCE_TABLES = """
			SELECT logicalrelid::text FROM pg_dist_partition WHERE partmethod = 'n' AND repmodel = 't'""";

	private static final String NODE_GROUPS = "SELECT COUNT(DISTINCT groupid) FROM pg_dist_node WHERE noderole = 'primary'";

	// One row per placement of the table's shards: a digest of the rows that placement holds.
	private static final String PLACEMENT_DIGESTS = """
			SELECT result FROM run_command_on_placements(?::regclass,
				'SELECT md5(COALESCE(string_agg(t::text, '','' ORDER BY t::text), '''')) FROM %s t')""";

	private static DataSource database;

	private static Set<String> referenceTables;

	private final StatementRecordingDataSource recording = new StatementRecordingDataSource(database);

	private final WorkflowStorage storage = new CitusWorkflowStorage(this.recording);

	@BeforeAll
	static void migrateDatabase() {
		database = CitusClusters.newMigratedDatabase("routing");
		referenceTables = Set.copyOf(JdbcClient.create(database).sql(REFERENCE_TABLES).query(String.class).list());
	}

	@Test
	void runStatementsAreRouted() {
		WorkflowRun run = TestData.run(Instant.now()).build();
		assertRouted("createRun", () -> this.storage.createRun(run));
		String runId = run.runId();
		assertRouted("getRun", () -> this.storage.getRun(runId));
		assertRouted("tryClaimRun", () -> this.storage.tryClaimRun(runId, RunStatus.PENDING, RunStatus.RUNNING));
		assertRouted("updateRunStatus", () -> this.storage.updateRunStatus(runId, RunStatus.RUNNING, null, null));
		assertRouted("updateRunRecoveryAttempts", () -> this.storage.updateRunRecoveryAttempts(runId, 1));
		assertRouted("updateRunContext", () -> this.storage.updateRunContext(runId, "{\"cart\": 3}"));
		assertRouted("getRunContext", () -> this.storage.getRunContext(runId));
		assertRouted("updateRunContinuation", () -> this.storage.updateRunContinuation(runId, TestData.id("run")));
		assertRouted("getParent", () -> this.storage.getParent(runId));
	}

	@Test
	void runsWithAKeyOrAParentAreRoutedButForTheCheckOfKeysPyworkflowWrote() {
		WorkflowRun parent = TestData.run(Instant.now()).idempotencyKey(TestData.id("key")).build();
		assertRouted("createRun with an idempotency key", () -> this.storage.createRun(parent));
		assertRouted("getRunByIdempotencyKey", () -> this.storage.getRunByIdempotencyKey(parent.idempotencyKey()));
		assertRouted("getRunByIdempotencyKey of a key not in the key table",
				() -> this.storage.getRunByIdempotencyKey(TestData.id("key")));
		WorkflowRun child = TestData.run(Instant.now()).parentRunId(parent.runId()).nestingDepth(1).build();
		assertRouted("createRun with a parent", () -> this.storage.createRun(child));
		assertRouted("getChildren", () -> this.storage.getChildren(parent.runId(), null));
	}

	@Test
	void appendsAfterARunsFirstAreRouted() {
		WorkflowRun run = createdRun();
		assertRouted("recordEvent, a run's first in a process", () -> this.storage.recordEvent(event(run)));
		assertRouted("recordEvent", () -> this.storage.recordEvent(event(run)));
		assertRouted("recordEvent", () -> this.storage.recordEvent(event(run)));
		assertRouted("recordEvents", () -> this.storage.recordEvents(run.runId(), List.of(event(run), event(run))));
	}

	@Test
	void eventReadsAreRouted() {
		WorkflowRun run = createdRun();
		this.storage.recordEvent(event(run));
		String runId = run.runId();
		assertRouted("getEvents", () -> this.storage.getEvents(runId));
		assertRouted("getEvents of types", () -> this.storage.getEvents(runId, List.of("step.completed")));
		assertRouted("getLatestEvent", () -> this.storage.getLatestEvent(runId, null));
		assertRouted("getLatestEvent of a type", () -> this.storage.getLatestEvent(runId, "step.completed"));
		assertRouted("hasEvent", () -> this.storage.hasEvent(runId, "step.completed", Map.of()));
		assertRouted("hasEvent of a step",
				() -> this.storage.hasEvent(runId, "step.completed", Map.of("step_id", "charge")));
		assertRouted("hasEvent of data", () -> this.storage.hasEvent(runId, "step.completed", Map.of("amount", "3")));
	}

	@Test
	void stepStatementsAreRoutedButThoseNamingOnlyTheStep() {
		WorkflowRun run = createdRun();
		Step step = TestData.step(run.runId(), Instant.now());
		assertRouted("createStep", () -> this.storage.createStep(step));
		assertRouted("listSteps", () -> this.storage.listSteps(run.runId()));
		assertRouted("getStep", () -> this.storage.getStep(step.stepId()));
		assertRouted("updateStepStatus",
				() -> this.storage.updateStepStatus(step.stepId(), StepStatus.COMPLETED, "\"ok\"", null));
	}

	@Test
	void hookStatementsAreRoutedButThoseWithoutRunIdOrToken() {
		WorkflowRun run = createdRun();
		Hook hook = TestData.hook(run.runId(), Instant.now());
		assertRouted("createHook", () -> this.storage.createHook(hook));
		assertRouted("getHook", () -> this.storage.getHook(hook.hookId(), run.runId()));
		assertRouted("getHookByToken", () -> this.storage.getHookByToken(hook.token()));
		assertRouted("getHookByToken of a token not in hook_tokens",
				() -> this.storage.getHookByToken(TestData.id("token")));
		assertRouted("updateHookStatus",
				() -> this.storage.updateHookStatus(hook.hookId(), HookStatus.RECEIVED, "{}", run.runId()));
		assertRouted("listHooks of a run", () -> this.storage.listHooks(run.runId(), null, 10, 0));
		assertRouted("getHook without a run id", () -> this.storage.getHook(hook.hookId(), null));
		assertRouted("updateHookStatus without a run id",
				() -> this.storage.updateHookStatus(hook.hookId(), HookStatus.DISPOSED, null, null));
	}

	@Test
	void cancellationFlagsAreRouted() {
		String runId = createdRun().runId();
		assertRouted("setCancellationFlag", () -> this.storage.setCancellationFlag(runId));
		assertRouted("checkCancellationFlag", () -> this.storage.checkCancellationFlag(runId));
		assertRouted("clearCancellationFlag", () -> this.storage.clearCancellationFlag(runId));
	}

	@Test
	void scheduleStatementsAreRoutedByScheduleId() {
		Schedule schedule = TestData.schedule("order_workflow", Instant.now().plusSeconds(60), Instant.now());
		String scheduleId = schedule.scheduleId();
		String runId = TestData.id("run");
		assertRouted("createSchedule", () -> this.storage.createSchedule(schedule));
		assertRouted("getSchedule", () -> this.storage.getSchedule(scheduleId));
		assertRouted("addRunningRun", () -> this.storage.addRunningRun(scheduleId, runId));
		assertRouted("removeRunningRun", () -> this.storage.removeRunningRun(scheduleId, runId));
		assertRouted("updateSchedule", () -> this.storage.updateSchedule(schedule));
		assertRouted("deleteSchedule", () -> this.storage.deleteSchedule(scheduleId));
	}

	@Test
	void streamsAreOnAReferenceTable() {
		String streamId = TestData.id("stream");
		assertRouted("createStream", () -> this.storage.createStream(streamId, "{\"kind\": \"orders\"}"));
		assertThat(assertRouted("getStream", () -> this.storage.getStream(streamId))).isPresent();
	}

	@Test
	void publishesAreRoutedByStreamRunTheFirstSignalOfOneAndLaterOnes() {
		String streamId = TestData.id("stream");
		String streamRunId = TestData.id("stream_run");
		assertThat(assertRouted("publishSignal, a stream run's first",
				() -> this.storage.publishSignal(signal(streamId, streamRunId))))
			.isZero();
		assertThat(assertRouted("publishSignal", () -> this.storage.publishSignal(signal(streamId, streamRunId))))
			.isOne();
		assertThat(assertRouted("publishSignal to another stream of the stream run",
				() -> this.storage.publishSignal(signal(TestData.id("stream"), streamRunId))))
			.isEqualTo(2);
		// Signals of no stream run share pyworkflow's '__none__' stream run, on one shard.
		assertRouted("publishSignal of no stream run", () -> this.storage.publishSignal(signal(streamId, null)));
		assertRouted("publishSignal of no stream run", () -> this.storage.publishSignal(signal(streamId, null)));
	}

	@Test
	void queriesOfAStreamRunsSignalsAreRoutedInEveryVariant() {
		String streamId = TestData.id("stream");
		String streamRunId = TestData.id("stream_run");
		String sourceRunId = TestData.id("run");
		this.storage.publishSignal(signal(streamId, streamRunId).fromRun(sourceRunId));
		this.storage.publishSignal(signal(streamId, streamRunId));
		this.storage.publishSignal(signal(streamId, null));
		SignalQuery query = SignalQuery.of(streamId, streamRunId);
		assertThat(assertRouted("queryStreamSignals", () -> this.storage.queryStreamSignals(query))).hasSize(2);
		assertThat(assertRouted("queryStreamSignals of no stream run",
				() -> this.storage.queryStreamSignals(SignalQuery.of(streamId, null))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals of a source run",
				() -> this.storage.queryStreamSignals(query.fromSourceRun(sourceRunId))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals of a type",
				() -> this.storage.queryStreamSignals(query.ofType("task.created"))))
			.hasSize(2);
		assertThat(assertRouted("queryStreamSignals from a sequence",
				() -> this.storage.queryStreamSignals(query.betweenSequences(1, null))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals to a sequence",
				() -> this.storage.queryStreamSignals(query.betweenSequences(null, 0))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals between sequences, limited",
				() -> this.storage.queryStreamSignals(query.betweenSequences(0, 1).withLimit(1))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals, the last ones",
				() -> this.storage.queryStreamSignals(query.lastOnes(1))))
			.hasSize(1);
		assertThat(assertRouted("queryStreamSignals with every filter", () -> this.storage.queryStreamSignals(
				query.fromSourceRun(sourceRunId).ofType("task.created").betweenSequences(0, 5).lastOnes(3))))
			.hasSize(1);
	}

	@Test
	void aStreamsSignalsOfEveryStreamRunAreReadFromEveryShardAndAcknowledgedOnAReferenceTable() {
		String streamId = TestData.id("stream");
		String stepRunId = TestData.id("step_run");
		this.storage.publishSignal(signal(streamId, TestData.id("stream_run")));
		this.storage.publishSignal(signal(streamId, TestData.id("stream_run")));
		this.storage.registerStreamSubscription(streamId, stepRunId, List.of("task.created"), null);
		assertThat(assertRouted("getSignals", () -> this.storage.getSignals(streamId, 0, 10))).hasSize(2);
		List<Signal> pending = assertRouted("getPendingSignals", () -> this.storage.getPendingSignals(streamId, stepRunId));
		assertThat(pending).hasSize(2);
		String acknowledged = pending.get(0).signalId();
		assertRouted("acknowledgeSignal", () -> this.storage.acknowledgeSignal(acknowledged, stepRunId));
		assertRouted("acknowledgeSignal again", () -> this.storage.acknowledgeSignal(acknowledged, stepRunId));
		assertThat(assertRouted("getPendingSignals", () -> this.storage.getPendingSignals(streamId, stepRunId)))
			.extracting(Signal::signalId)
			.doesNotContain(acknowledged)
			.hasSize(1);
	}

	@Test
	void subscriptionStatementsAreRoutedByStream() {
		String streamId = TestData.id("stream");
		String streamRunId = TestData.id("stream_run");
		String stepRunId = TestData.id("step_run");
		assertRouted("registerStreamSubscription", () -> this.storage.registerStreamSubscription(streamId, stepRunId,
				List.of("task.created", "task.done"), streamRunId));
		assertRouted("registerStreamSubscription of no stream run", () -> this.storage
			.registerStreamSubscription(streamId, TestData.id("step_run"), List.of("task.created"), null));
		assertRouted("registerStreamSubscription again", () -> this.storage.registerStreamSubscription(streamId,
				stepRunId, List.of("task.created"), streamRunId));
		assertThat(assertRouted("getWaitingSteps", () -> this.storage.getWaitingSteps(streamId, "task.created", null)))
			.hasSize(2);
		assertThat(assertRouted("getWaitingSteps of a stream run",
				() -> this.storage.getWaitingSteps(streamId, "task.created", streamRunId)))
			.hasSize(1);
		assertRouted("getSubscriptionsForStream",
				() -> this.storage.getSubscriptionsForStream(streamId, "task.created", null));
		assertRouted("getSubscriptionsForStream of a stream run",
				() -> this.storage.getSubscriptionsForStream(streamId, "task.created", streamRunId));
		assertRouted("getSubscriptionStates", () -> this.storage.getSubscriptionStates(streamId, null));
		assertRouted("getSubscriptionStates of a stream run",
				() -> this.storage.getSubscriptionStates(streamId, streamRunId));
		assertRouted("updateSubscriptionStatus",
				() -> this.storage.updateSubscriptionStatus(streamId, stepRunId, SubscriptionStatus.RUNNING));
		assertRouted("setSubscriptionResult",
				() -> this.storage.setSubscriptionResult(streamId, stepRunId, "{\"total\": 3}"));
		StreamParentLink link = new StreamParentLink(TestData.id("run"), TestData.id("token"));
		assertThat(assertRouted("setStreamParentLink", () -> this.storage.setStreamParentLink(streamId, streamRunId, link)))
			.isOne();
		assertThat(assertRouted("getStreamParentLink", () -> this.storage.getStreamParentLink(streamId, streamRunId)))
			.contains(link);
	}

	@Test
	void scheduledSignalsAreOnAReferenceTable() {
		Instant due = Instant.now().minusSeconds(1);
		NewScheduledSignal signal = NewScheduledSignal.of(TestData.id("stream"), "task.created", "{}", due)
			.inStreamRun(TestData.id("stream_run"));
		String id = assertRouted("scheduleSignal", () -> this.storage.scheduleSignal(signal));
		assertThat(assertRouted("fetchDueScheduledSignals", () -> this.storage.fetchDueScheduledSignals(due, 100)))
			.extracting((scheduled) -> scheduled.id())
			.contains(id);
		assertThat(assertRouted("markScheduledSignalDelivered", () -> this.storage.markScheduledSignalDelivered(id)))
			.isTrue();
		assertThat(assertRouted("markScheduledSignalDelivered, delivered already",
				() -> this.storage.markScheduledSignalDelivered(id)))
			.isFalse();
	}

	@Test
	void checkpointsAreOnAReferenceTable() {
		String stepRunId = TestData.id("step_run");
		assertRouted("saveCheckpoint", () -> this.storage.saveCheckpoint(stepRunId, "{\"offset\": 1}"));
		assertRouted("saveCheckpoint over another", () -> this.storage.saveCheckpoint(stepRunId, "{\"offset\": 2}"));
		assertThat(assertRouted("loadCheckpoint", () -> this.storage.loadCheckpoint(stepRunId))).isPresent();
		assertRouted("deleteCheckpoint", () -> this.storage.deleteCheckpoint(stepRunId));
		assertThat(this.storage.loadCheckpoint(stepRunId)).isEmpty();
	}

	@Test
	void listingsGoToEveryShard() {
		createdRun();
		assertRouted("listRuns", () -> this.storage.listRuns(RunFilter.all()));
		assertRouted("listRunSummaries", () -> this.storage.listRunSummaries(RunFilter.all()));
		assertRouted("listHooks without a run id", () -> this.storage.listHooks(null, null, 10, 0));
		assertRouted("listSchedules", () -> this.storage.listSchedules(null, null, 10, 0));
		assertRouted("getDueSchedules", () -> this.storage.getDueSchedules(Instant.now()));
	}

	@Test
	void readmeListsTheSameStatementsThatGoToEveryShard() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
		int heading = lines.indexOf(lines.stream()
			.filter((line) -> line.startsWith("Statements that go to every shard, and why"))
			.findFirst()
			.orElseThrow());
		List<String> listed = lines.subList(heading, lines.size())
			.stream()
			.dropWhile((line) -> !line.startsWith("- "))
			.takeWhile((line) -> !line.isBlank())
			.filter((line) -> line.startsWith("- "))
			.map((line) -> line.substring(2, line.indexOf(": ")))
			.toList();
		assertThat(listed).isEqualTo(MULTI_SHARD.stream().map(MultiShard::operation).toList());
	}

	private WorkflowRun createdRun() {
		WorkflowRun run = TestData.run(Instant.now()).build();
		this.storage.createRun(run);
		return run;
	}

	private static Event event(WorkflowRun run) {
		return TestData.event(run.runId(), "step.completed", Instant.now(), "{\"step_id\": \"charge\", \"amount\": 3}");
	}

	private static NewSignal signal(String streamId, String streamRunId) {
		return NewSignal.of(TestData.id("signal"), streamId, "task.created", "{\"task\": 1}").inStreamRun(streamRunId);
	}

	/**
	 * A retention pass's batches name their runs' ids, which sit on many shards: each statement
	 * must go to those shards as it is (pushed down), never pull rows to the coordinator.
	 */
	@Test
	void retentionBatchesArePushedDownToTheShardsOfTheirRuns() {
		Instant cutoff = Instant.now().minus(Duration.ofDays(30));
		List<String> runIds = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			WorkflowRun run = TestData.run(cutoff.minusSeconds(120))
				.status(RunStatus.COMPLETED)
				.updatedAt(cutoff.minusSeconds(1 + i))
				.idempotencyKey(TestData.id("key"))
				.build();
			this.storage.createRun(run);
			this.storage.recordEvent(event(run));
			Step step = TestData.step(run.runId(), run.createdAt());
			this.storage.createStep(step);
			this.storage.saveCheckpoint(step.stepId(), "{}");
			this.storage.createHook(TestData.hook(run.runId(), run.createdAt()));
			this.storage.setCancellationFlag(run.runId());
			runIds.add(run.runId());
		}
		this.recording.clear();
		RetentionPass pass = this.storage.deleteOldRuns(cutoff, 5);
		assertThat(pass.runs()).isEqualTo(runIds.size());
		List<RecordedStatement> planned = this.recording.recordedStatements()
			.stream()
			.flatMap((sent) -> sent.statements().stream())
			.filter(CitusRoutingTests::isPlannedOnShards)
			.toList();
		assertThat(planned).extracting(RecordedStatement::sql)
			.anyMatch((sql) -> sql.startsWith("DELETE FROM events"))
			.anyMatch((sql) -> sql.startsWith("DELETE FROM workflow_idempotency_keys"))
			.anyMatch((sql) -> sql.startsWith("DELETE FROM hook_tokens"));
		for (RecordedStatement statement : planned) {
			String plan = explain(statement).toLowerCase(Locale.ROOT);
			assertThat(plan).as("deleteOldRuns: %s%nplan:%n%s", statement, plan)
				.doesNotContain("pull to coordinator")
				.doesNotContain("repartition");
		}
	}

	private void assertRouted(String operation, Runnable action) {
		assertRouted(operation, () -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs the operation and checks the plan of every statement it sent: a router plan unless
	 * {@link #MULTI_SHARD} lists it for this operation, and then not one; after a write to a
	 * reference table, that every node holds the same rows of it.
	 * @return what the operation returned
	 */
	private <T> T assertRouted(String operation, Supplier<T> action) {
		this.recording.clear();
		T result = action.get();
		List<RecordedStatement> planned = this.recording.recordedStatements()
			.stream()
			.flatMap((sent) -> sent.statements().stream())
			.filter(CitusRoutingTests::isPlannedOnShards)
			.toList();
		assertThat(planned).as("%s sends statements", operation).isNotEmpty();
		for (RecordedStatement statement : planned) {
			String plan = explain(statement);
			String shown = operation + ": " + statement + "\nplan:\n" + plan;
			Optional<MultiShard> known = MULTI_SHARD.stream()
				.filter((multiShard) -> multiShard.covers(operation, statement))
				.findFirst();
			if (known.isPresent()) {
				assertThat(isRouterPlan(plan))
					.as("listed as going to every shard (%s), but routed; take it off the list:%n%s",
							known.get().reason(), shown)
					.isFalse();
			}
			else if (!isRouterPlan(plan)) {
				fail("not a router query:%n%s", shown);
			}
		}
		planned.stream()
			.map(CitusRoutingTests::writtenTable)
			.filter(referenceTables::contains)
			.distinct()
			.forEach((table) -> assertEveryNodeHoldsTheSameRows(operation, table));
		return result;
	}

	// The one task of a write to a reference table runs on every placement of its one shard.
	private static void assertEveryNodeHoldsTheSameRows(String operation, String table) {
		JdbcClient jdbc = JdbcClient.create(database);
		List<String> digests = jdbc.sql(PLACEMENT_DIGESTS).param(table).query(String.class).list();
		assertThat(digests).as("%s: placements of reference table %s", operation, table)
			.hasSize(jdbc.sql(NODE_GROUPS).query(Integer.class).single());
		assertThat(Set.copyOf(digests)).as("%s: the rows each placement of %s holds", operation, table).hasSize(1);
	}

	private static String writtenTable(RecordedStatement statement) {
		Matcher matcher = WRITTEN_TABLE.matcher(statement.sql());
		return matcher.find() ? matcher.group(1) : "";
	}

	// One task, no rows pulled to the coordinator nor repartitioned, and no subplan with more tasks.
	static boolean isRouterPlan(String plan) {
		String lower = plan.toLowerCase(Locale.ROOT);
		if (lower.contains("pull to coordinator") || lower.contains("repartition")) {
			return false;
		}
		List<Integer> taskCounts = new ArrayList<>();
		Matcher matcher = TASK_COUNT.matcher(plan);
		while (matcher.find()) {
			taskCounts.add(Integer.valueOf(matcher.group(1)));
		}
		return !taskCounts.isEmpty() && taskCounts.stream().allMatch((count) -> count == 1);
	}

	// Advisory locks (and anything else that is no SELECT or DML) touch no shard.
	private static boolean isPlannedOnShards(RecordedStatement statement) {
		String sql = statement.sql().strip().toUpperCase(Locale.ROOT);
		boolean dmlOrSelect = sql.startsWith("SELECT") || sql.startsWith("INSERT") || sql.startsWith("UPDATE")
				|| sql.startsWith("DELETE") || sql.startsWith("WITH");
		return dmlOrSelect && !sql.contains("PG_ADVISORY");
	}

	// The statement behind EXPLAIN, with the same parameters bound the same way, on a connection of
	// its own. Citus cannot EXPLAIN an INSERT ... SELECT it pulls to the coordinator with bound
	// parameters (it plans the SELECT without them): that one is explained with the driver's
	// rendering of the same parameters as literals.
	private static String explain(RecordedStatement statement) {
		String inlined = null;
		try (Connection connection = database.getConnection();
				PreparedStatement explain = connection.prepareStatement("EXPLAIN " + statement.sql())) {
			statement.bindTo(explain);
			inlined = explain.unwrap(PreparedStatement.class).toString();
			return plan(explain.executeQuery());
		}
		catch (SQLException ex) {
			if (!String.valueOf(ex.getMessage()).contains("could not create distributed plan")) {
				throw new IllegalStateException("EXPLAIN failed for " + statement, ex);
			}
		}
		// The pool drops a connection after Citus's "not supported": this takes another.
		try (Connection connection = database.getConnection(); Statement plain = connection.createStatement()) {
			return "(parameters inlined: Citus cannot EXPLAIN it with bound parameters)\n"
					+ plan(plain.executeQuery(inlined));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("EXPLAIN with the parameters inlined failed for " + statement, ex);
		}
	}

	private static String plan(ResultSet rows) throws SQLException {
		try (rows) {
			StringBuilder plan = new StringBuilder();
			while (rows.next()) {
				plan.append(rows.getString(1)).append('\n');
			}
			return plan.toString();
		}
	}

	/**
	 * A statement that goes to every shard.
	 *
	 * @param operation the operation (and case) that sends it, as the tests name it
	 * @param sqlFragment a piece of its SQL
	 * @param reason why it cannot name one shard
	 */
	record MultiShard(String operation, String sqlFragment, String reason) {

		boolean covers(String sentBy, RecordedStatement statement) {
			return this.operation.equals(sentBy) && statement.sql().contains(this.sqlFragment);
		}

	}

}
