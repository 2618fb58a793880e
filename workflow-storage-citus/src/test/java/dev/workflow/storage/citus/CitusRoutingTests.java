package dev.workflow.storage.citus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every statement the Citus backend sends for one run (or one schedule, key or token) is a router
 * query: Citus plans it, with the parameters the driver really received, as one task on one
 * shard, without pulling rows to the coordinator or repartitioning them. The statements that do
 * go to every shard are listed in {@link #MULTI_SHARD}, each with why, and are checked to really
 * do so, so the list stays true both ways.
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
			new MultiShard("getDueSchedules", "FROM schedules", "due schedules can be on any shard"));

	private static final Pattern TASK_COUNT = Pattern.compile("Task Count: (\\d+)");

	private static DataSource database;

	private final StatementRecordingDataSource recording = new StatementRecordingDataSource(database);

	private final WorkflowStorage storage = new CitusWorkflowStorage(this.recording);

	@BeforeAll
	static void migrateDatabase() {
		database = CitusClusters.newMigratedDatabase("routing");
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
	void listingsGoToEveryShard() {
		createdRun();
		assertRouted("listRuns", () -> this.storage.listRuns(RunFilter.all()));
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

	/**
	 * Runs the operation and checks the plan of every statement it sent: a router plan unless
	 * {@link #MULTI_SHARD} lists it for this operation, and then not one.
	 */
	private void assertRouted(String operation, Runnable action) {
		this.recording.clear();
		action.run();
		List<RecordedStatement> planned = this.recording.recordedStatements()
			.stream()
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
