package dev.workflow.storage.postgres;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.UndecodableRowException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.CalendarSpec;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunPage;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.LogCapture;
import dev.workflow.storage.testing.TestData;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Rows that another client (a pyworkflow worker, an operator) wrote with plain SQL, holding in a
 * status, JSON or time column a value that we cannot decode, or one we must read although it is
 * odd. A single read of such a row throws an {@link UndecodableRowException} naming the
 * operation, the table, the row's key and the column; a listing skips it with one WARN and goes
 * on with the others; and whatever we do, the row stays as it was written.
 *
 * <p>
 * A backend's test extends this class and says how to get a migrated database and a storage on
 * it. The tests share the database and keep apart through unique ids and workflow names; each
 * test gets a storage of its own, so its count of skipped rows starts at zero.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class UndecodableRowTests {

	private static final String CRON_SPEC = """
			{"cron": "0 9 * * *", "interval": null, "calendar": null, "timezone": "UTC", "start_at": null, \
			"end_at": null, "jitter": null}""";

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	private DataSource dataSource;

	private JdbcClient sql;

	private JdbcWorkflowStorage storage;

	/**
	 * A new database with the backend's schema migrated, which this class alone uses.
	 * @return the database
	 */
	protected abstract DataSource createDatabase();

	/**
	 * The storage under test.
	 * @param dataSource the database
	 * @return the storage
	 */
	protected abstract JdbcWorkflowStorage createStorage(DataSource dataSource);

	@BeforeAll
	void createDatabaseUnderTest() {
		this.dataSource = createDatabase();
		this.sql = JdbcClient.create(this.dataSource);
	}

	@BeforeEach
	void createStorageUnderTest() {
		this.storage = createStorage(this.dataSource);
	}

	// getDueSchedules reads every due schedule of the database.
	@AfterEach
	void deleteSchedules() {
		this.sql.sql("DELETE FROM schedules").update();
	}

	// Runs

	@ParameterizedTest
	@ValueSource(strings = { "zombie", "", "RUNNING", " running" })
	void runWithUnknownStatusFailsAloneAndIsSkippedByListings(String status) {
		String workflowName = TestData.id("wf");
		String parentId = insertRun(run(workflowName, this.now));
		String earlierChild = insertRun(childOf(parentId, run(workflowName, this.now.plusSeconds(1))));
		String bad = insertRun(childOf(parentId, run(workflowName, this.now.plusSeconds(2))).set("status", status)
			.set("idempotency_key", TestData.id("key")));
		String laterChild = insertRun(childOf(parentId, run(workflowName, this.now.plusSeconds(3))));
		String row = snapshot("workflow_runs", "run_id", bad);

		for (String operation : List.of("getRun", "getRunContext", "getParent", "getNestingDepth",
				"getWorkflowChain")) {
			assertUndecodable(() -> readRun(operation, bad), operation, "workflow_runs", Map.of("run_id", bad),
					"status", status).withMessageContaining("must be one of pending, running, suspended");
		}
		String key = this.sql.sql("SELECT idempotency_key FROM workflow_runs WHERE run_id = ?")
			.param(bad)
			.query(String.class)
			.single();
		assertUndecodable(() -> this.storage.getRunByIdempotencyKey(key), "getRunByIdempotencyKey", "workflow_runs",
				Map.of("run_id", bad), "status", status);

		try (LogCapture log = LogCapture.of(UndecodableRows.class)) {
			assertThat(this.storage.listRuns(RunFilter.all().withQuery(workflowName).withLimit(10)).runs())
				.extracting(WorkflowRun::runId)
				.containsExactly(laterChild, earlierChild, parentId);
			assertThat(this.storage.getChildren(parentId, null)).extracting(WorkflowRun::runId)
				.containsExactly(earlierChild, laterChild);
			assertThat(log.messages()).hasSize(2)
				.allSatisfy((message) -> assertThat(message).contains("cannot read workflow_runs row run_id '" + bad
						+ "': status " + UndecodableRowException.quote(status) + " must be one of"))
				.satisfiesExactly((message) -> assertThat(message).contains("listRuns:"),
						(message) -> assertThat(message).contains("getChildren:"));
		}
		assertThat(this.storage.undecodableRowsSkipped()).isEqualTo(2);
		assertThat(snapshot("workflow_runs", "run_id", bad)).isEqualTo(row);
	}

	@Test
	void runsOfAStatusThatCannotBeDecodedCountInTheTotalOnly() {
		Instant from = this.now.minus(java.time.Duration.ofDays(3650)).plusSeconds((long) (Math.random() * 1_000_000));
		insertRun(run(TestData.id("wf"), from));
		insertRun(run(TestData.id("wf"), from.plusSeconds(1)).set("status", "zombie"));
		RunCounts counts = this.storage.countRuns(from, from.plusSeconds(2));
		assertThat(counts.total()).isEqualTo(2);
		assertThat(counts.byStatus().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
	}

	@Test
	void runThatCannotBeDecodedStillHoldsItsKeyAndIsStillAParent() {
		String key = TestData.id("key");
		String bad = insertRun(run(TestData.id("wf"), this.now).set("status", "zombie").set("idempotency_key", key));
		String row = snapshot("workflow_runs", "run_id", bad);
		assertThatExceptionOfType(DuplicateIdempotencyKeyException.class)
			.isThrownBy(() -> this.storage.createRun(TestData.run(this.now).idempotencyKey(key).build()))
			.satisfies((ex) -> assertThat(ex.getExistingRunId()).isEqualTo(bad));
		WorkflowRun child = TestData.run(this.now).parentRunId(bad).nestingDepth(1).build();
		this.storage.createRun(child);
		assertThat(this.storage.getRun(child.runId())).contains(child);
		assertThat(snapshot("workflow_runs", "run_id", bad)).isEqualTo(row);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void listRunsPagesPastRowsItSkips(int limit) {
		String workflowName = TestData.id("wf");
		List<String> good = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			Row row = run(workflowName, this.now.minusSeconds(i));
			if (i == 1 || i == 2 || i == 5) {
				insertRun(row.set("status", "zombie"));
			}
			else {
				good.add(insertRun(row));
			}
		}
		List<String> listed = new ArrayList<>();
		RunFilter filter = RunFilter.all().withQuery(workflowName).withLimit(limit);
		int pages = 0;
		for (Optional<String> cursor = Optional.empty(); pages == 0 || cursor.isPresent(); pages++) {
			RunPage page = this.storage.listRuns(cursor.map(filter::withCursor).orElse(filter));
			assertThat(page.runs()).hasSizeLessThanOrEqualTo(limit);
			page.runs().forEach((run) -> listed.add(run.runId()));
			cursor = page.nextCursor();
		}
		assertThat(listed).isEqualTo(good);
		assertThat(pages).isEqualTo((7 + limit - 1) / limit);
		assertThat(this.storage.undecodableRowsSkipped()).isEqualTo(3);
	}

	// Steps and hooks

	@Test
	void stepWithUnknownStatusFailsAloneAndIsSkippedByListSteps() {
		String runId = insertRun(run(TestData.id("wf"), this.now));
		String first = insertStep(step(runId, "first", this.now));
		String bad = insertStep(step(runId, "bad", this.now.plusSeconds(1)).set("status", "zombie"));
		String last = insertStep(step(runId, "last", this.now.plusSeconds(2)));
		String row = snapshot("steps", "step_id", bad);
		assertUndecodable(() -> this.storage.getStep(bad), "getStep", "steps", keyOf("run_id", runId, "step_id", bad),
				"status", "zombie")
			.withMessageContaining("must be one of pending, running, completed, failed, retrying, cancelled");
		try (LogCapture log = LogCapture.of(UndecodableRows.class)) {
			assertThat(this.storage.listSteps(runId)).extracting(Step::stepId).containsExactly(first, last);
			assertThat(log.messages()).singleElement()
				.asString()
				.contains("listSteps:", "steps row run_id '" + runId + "', step_id '" + bad + "'", "status 'zombie'");
		}
		assertThat(this.storage.undecodableRowsSkipped()).isEqualTo(1);
		assertThat(snapshot("steps", "step_id", bad)).isEqualTo(row);
	}

	@Test
	void hookWithUnknownStatusFailsAloneAndIsSkippedByListHooks() {
		String runId = insertRun(run(TestData.id("wf"), this.now));
		String first = insertHook(hook(runId, "first", this.now));
		String bad = insertHook(hook(runId, "bad", this.now.plusSeconds(1)).set("status", "zombie"));
		String last = insertHook(hook(runId, "last", this.now.plusSeconds(2)));
		String row = snapshot("hooks", "hook_id", bad);
		Map<String, String> key = keyOf("run_id", runId, "hook_id", bad);
		assertUndecodable(() -> this.storage.getHook(bad, runId), "getHook", "hooks", key, "status", "zombie")
			.withMessageContaining("must be one of pending, received, expired, disposed");
		assertUndecodable(() -> this.storage.getHook(bad, null), "getHook", "hooks", key, "status", "zombie");
		assertUndecodable(() -> this.storage.getHookByToken(runId + ":" + bad), "getHookByToken", "hooks", key,
				"status", "zombie");
		assertThatExceptionOfType(DuplicateIdException.class)
			.isThrownBy(() -> this.storage.createHook(new Hook(TestData.id("hook"), runId, runId + ":" + bad, this.now,
					null, null, HookStatus.PENDING, null, "{}")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo("hook token"));
		try (LogCapture log = LogCapture.of(UndecodableRows.class)) {
			assertThat(this.storage.listHooks(runId, null, 10, 0)).extracting(Hook::hookId).containsExactly(last, first);
			assertThat(this.storage.listHooks(null, null, WorkflowStorage.MAX_LIMIT, 0)).extracting(Hook::hookId)
				.contains(last, first)
				.doesNotContain(bad);
			assertThat(log.messages()).filteredOn((message) -> message.contains(bad))
				.hasSize(2)
				.allSatisfy((message) -> assertThat(message).contains("listHooks:",
						"hooks row run_id '" + runId + "', hook_id '" + bad + "'", "status 'zombie'"));
		}
		assertThat(snapshot("hooks", "hook_id", bad)).isEqualTo(row);
	}

	// Schedules

	static Stream<Arguments> undecodableScheduleValues() {
		return Stream.of(
				Arguments.of("status", "zombie", "must be one of active, paused, deleted"),
				Arguments.of("overlap_policy", "nonsense",
						"must be one of skip, buffer_one, buffer_all, cancel_other, allow_all"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\"", "must be a JSON object"),
				Arguments.of("spec", "not json", "must be a JSON object"),
				Arguments.of("spec", "   ", "must be a JSON object"),
				Arguments.of("spec", "null", "must be a JSON object"),
				Arguments.of("spec", "[\"0 9 * * *\"]", "must be a JSON object"),
				Arguments.of("spec", "\"0 9 * * *\"", "must be a JSON object"),
				Arguments.of("spec", "{\"cron\": 9}", "must hold cron as a string or null"),
				Arguments.of("spec", "{\"interval\": [\"5m\"]}", "must hold interval as a string or null"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\", \"timezone\": 1}", "must hold timezone as a string"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\", \"jitter\": NaN}", "must hold jitter as a string"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\", \"start_at\": \"yesterday\"}",
						"must hold start_at as an ISO 8601 date-time"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\", \"end_at\": \"2024-13-01T00:00:00\"}",
						"must hold end_at as an ISO 8601 date-time"),
				Arguments.of("spec", "{\"cron\": \"0 9 * * *\", \"end_at\": 1704067200}",
						"must hold end_at as a string or null"),
				Arguments.of("spec", "{\"calendar\": {\"hour\": 9}}", "must hold calendar as null or an array of objects"),
				Arguments.of("spec", "{\"calendar\": [\"9am\"]}", "must hold calendar[0] as an object"),
				Arguments.of("spec", "{\"calendar\": [{\"hour\": 9}, {\"hour\": \"9\"}]}",
						"must hold calendar[1].hour as an integer"),
				Arguments.of("spec", "{\"calendar\": [{\"hour\": null}]}", "must hold calendar[0].hour as an integer"),
				Arguments.of("spec", "{\"calendar\": [{\"hour\": 9, \"month\": 1.5}]}",
						"must hold calendar[0].month as an integer or null"),
				Arguments.of("spec", "{\"calendar\": [{\"second\": 99999999999}]}",
						"must hold calendar[0].second as an integer"),
				Arguments.of("running_run_ids", "[\"r1\", \"r2\"", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "{\"r1\": true}", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "\"r1\"", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "null", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "  ", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "[1, \"r2\"]", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "[\"r1\", null]", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "[[\"r1\"]]", "must be a JSON array of strings"),
				Arguments.of("running_run_ids", "[\"r1\"] [\"r2\"]", "must be a JSON array of strings"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("undecodableScheduleValues")
	void scheduleThatCannotBeDecodedFailsAloneIsSkippedByListingsAndIsNeverRewritten(String column, String value,
			String problem) {
		String workflowName = TestData.id("wf");
		String early = insertSchedule(schedule(workflowName, this.now.minusSeconds(30)));
		String bad = insertSchedule(schedule(workflowName, this.now.minusSeconds(20)).set(column, value));
		String late = insertSchedule(schedule(workflowName, this.now.minusSeconds(10)));
		insertSchedule(schedule(workflowName, this.now.plusSeconds(60)));
		String row = snapshot("schedules", "schedule_id", bad);

		assertUndecodable(() -> this.storage.getSchedule(bad), "getSchedule", "schedules",
				Map.of("schedule_id", bad), column, value)
			.withMessageContaining(column + " " + UndecodableRowException.quote(value) + " " + problem);
		try (LogCapture log = LogCapture.of(UndecodableRows.class)) {
			assertThat(this.storage.getDueSchedules(this.now)).extracting(Schedule::scheduleId)
				.containsExactly(early, late);
			assertThat(this.storage.listSchedules(workflowName, null, 10, 0)).hasSize(3)
				.extracting(Schedule::scheduleId)
				.contains(early, late)
				.doesNotContain(bad);
			// A schedule whose status is no status is never due: the query asks for active ones.
			List<String> operations = column.equals("status") ? List.of("listSchedules")
					: List.of("getDueSchedules", "listSchedules");
			assertThat(log.messages()).hasSameSizeAs(operations);
			for (int i = 0; i < operations.size(); i++) {
				assertThat(log.messages().get(i)).contains(operations.get(i) + ": cannot read schedules row schedule_id '"
						+ bad + "': " + column + " " + UndecodableRowException.quote(value) + " " + problem);
			}
			assertThat(this.storage.undecodableRowsSkipped()).isEqualTo(operations.size());
		}
		if (column.equals("running_run_ids")) {
			assertUndecodable(() -> this.storage.addRunningRun(bad, "r3"), "addRunningRun", "schedules",
					Map.of("schedule_id", bad), column, value);
			assertUndecodable(() -> this.storage.removeRunningRun(bad, "r1"), "removeRunningRun", "schedules",
					Map.of("schedule_id", bad), column, value);
		}
		assertThat(snapshot("schedules", "schedule_id", bad)).isEqualTo(row);
	}

	@Test
	void runningRunIdsPyworkflowLeavesEmptyReadAsNoneAndAreAddedTo() {
		String workflowName = TestData.id("wf");
		String unset = insertSchedule(schedule(workflowName, this.now).set("running_run_ids", null));
		String empty = insertSchedule(schedule(workflowName, this.now).set("running_run_ids", ""));
		assertThat(this.storage.getSchedule(unset).orElseThrow().runningRunIds()).isEmpty();
		assertThat(this.storage.getSchedule(empty).orElseThrow().runningRunIds()).isEmpty();
		this.storage.removeRunningRun(empty, "r1");
		this.storage.addRunningRun(unset, "r1");
		this.storage.addRunningRun(empty, "r1");
		assertThat(this.storage.getSchedule(unset).orElseThrow().runningRunIds()).containsExactly("r1");
		assertThat(this.storage.getSchedule(empty).orElseThrow().runningRunIds()).containsExactly("r1");
	}

	@Test
	void specsAsPyworkflowReadsThemAreRead() {
		String workflowName = TestData.id("wf");
		String empty = insertSchedule(schedule(workflowName, this.now).set("spec", ""));
		String sparse = insertSchedule(schedule(workflowName, this.now).set("spec", """
				{"calendar": [{"hour": 9, "day_of_week": null}, {"minute": 30, "month": 6}], "timezone": null, \
				"start_at": "2024-01-01T10:00:00", "end_at": "2030-06-01T08:00:00.123456+02:00", "jitter": "", \
				"added_by_a_newer_pyworkflow": [NaN]}"""));
		assertThat(this.storage.getSchedule(empty).orElseThrow().spec())
			.isEqualTo(new ScheduleSpec(null, null, null, "UTC", null, null, null));
		assertThat(this.storage.getSchedule(sparse).orElseThrow().spec())
			.isEqualTo(new ScheduleSpec(null, null,
					List.of(new CalendarSpec(0, 0, 9, null, null, null), new CalendarSpec(0, 30, 0, null, 6, null)),
					"UTC", Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2030-06-01T06:00:00.123456Z"), ""));
	}

	// JSON the model keeps as text, and time columns

	static Stream<Arguments> textColumns() {
		return Stream.of(Arguments.of("workflow_runs", "input_args"), Arguments.of("workflow_runs", "input_kwargs"),
				Arguments.of("workflow_runs", "metadata"), Arguments.of("workflow_runs", "result"),
				Arguments.of("steps", "input_args"), Arguments.of("steps", "input_kwargs"),
				Arguments.of("steps", "result"), Arguments.of("hooks", "payload"), Arguments.of("hooks", "metadata"),
				Arguments.of("schedules", "input_args"), Arguments.of("schedules", "input_kwargs"),
				Arguments.of("schedules", "metadata"), Arguments.of("events", "data"));
	}

	/**
	 * The JSON columns that the model keeps as text (arguments, results, context, metadata,
	 * payloads, event data) are the writer's: whatever text they hold is read as it is.
	 */
	@ParameterizedTest(name = "{0}.{1}")
	@MethodSource("textColumns")
	void jsonKeptAsTextIsReadAsWritten(String table, String column) {
		String text = "{\"truncated\": [1, NaN";
		String workflowName = TestData.id("wf");
		Map<String, @Nullable String> columns = Map.of(column, text);
		String runId = insertRun(run(workflowName, this.now).setAll(table.equals("workflow_runs") ? columns : Map.of()));
		String rowId = switch (table) {
			case "workflow_runs" -> runId;
			case "steps" -> insertStep(step(runId, "s", this.now).setAll(columns));
			case "hooks" -> insertHook(hook(runId, "h", this.now).setAll(columns));
			case "schedules" -> insertSchedule(schedule(workflowName, this.now).setAll(columns));
			default -> insert("events", new Row().set("event_id", TestData.id("evt"))
				.set("run_id", runId)
				.set("sequence", "0")
				.set("type", "step.completed")
				.set("timestamp", this.now.toString())
				.set("data", text), "event_id");
		};
		String row = snapshot(table, keyColumn(table), rowId);
		Object read = switch (table) {
			case "workflow_runs" -> this.storage.listRuns(RunFilter.all().withQuery(workflowName)).runs().get(0);
			case "steps" -> this.storage.listSteps(runId).get(0);
			case "hooks" -> this.storage.listHooks(runId, null, 10, 0).get(0);
			case "schedules" -> this.storage.listSchedules(workflowName, null, 10, 0).get(0);
			default -> this.storage.getEvents(runId).get(0);
		};
		// Each model is a record, whose text shows every field.
		assertThat(read).asString().contains(column.equals("data") ? "data=" + text : "=" + text);
		if (read instanceof Event) {
			assertThat(this.storage.hasEvent(runId, "step.completed", Map.of("truncated", "1"))).isFalse();
		}
		if (read instanceof Schedule schedule) {
			// Arguments and metadata must be JSON of their kind to be written: nothing is.
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> this.storage.updateSchedule(schedule.withStatus(ScheduleStatus.PAUSED, this.now)));
		}
		if (column.equals("metadata") && read instanceof WorkflowRun) {
			assertThat(this.storage.getRunContext(runId)).isEqualTo(text);
		}
		assertThat(snapshot(table, keyColumn(table), rowId)).isEqualTo(row);
		assertThat(this.storage.undecodableRowsSkipped()).isZero();
	}

	/**
	 * PostgreSQL's {@code infinity} and {@code -infinity}, which asyncpg reads and writes as
	 * Python's {@code datetime.max} and {@code min}, read as the latest and earliest instants and
	 * are written back as they were.
	 */
	@Test
	void infiniteTimesAreReadAndWrittenBackAsTheyWere() {
		String workflowName = TestData.id("wf");
		String early = insertRun(run(workflowName, this.now).set("created_at", "-infinity")
			.set("started_at", "infinity")
			.set("completed_at", "-infinity"));
		String middle = insertRun(run(workflowName, this.now));
		String late = insertRun(run(workflowName, this.now).set("created_at", "infinity"));
		List<WorkflowRun> listed = new ArrayList<>();
		RunFilter filter = RunFilter.all().withQuery(workflowName).withLimit(1);
		RunPage page = this.storage.listRuns(filter);
		listed.addAll(page.runs());
		while (page.nextCursor().isPresent()) {
			page = this.storage.listRuns(filter.withCursor(page.nextCursor().get()));
			listed.addAll(page.runs());
		}
		assertThat(listed).extracting(WorkflowRun::runId).containsExactly(late, middle, early);
		assertThat(listed.get(0).createdAt()).isEqualTo(SqlValues.INFINITY);
		assertThat(listed.get(2).createdAt()).isEqualTo(SqlValues.NEGATIVE_INFINITY);
		assertThat(listed.get(2).startedAt()).isEqualTo(SqlValues.INFINITY);

		String step = insertStep(step(early, "s", this.now).set("created_at", "-infinity")
			.set("started_at", "infinity")
			.set("completed_at", "infinity"));
		assertThat(this.storage.getStep(step).orElseThrow().completedAt()).isEqualTo(SqlValues.INFINITY);
		String hook = insertHook(hook(early, "h", this.now).set("received_at", "-infinity").set("expires_at", "infinity"));
		assertThat(this.storage.getHook(hook, early).orElseThrow().expiresAt()).isEqualTo(SqlValues.INFINITY);
		this.storage.recordEvent(Event.of(TestData.id("evt"), early, "step.completed", SqlValues.NEGATIVE_INFINITY, "{}"));
		assertThat(this.storage.getEvents(early)).singleElement()
			.satisfies((event) -> assertThat(event.timestamp()).isEqualTo(SqlValues.NEGATIVE_INFINITY));

		String schedule = insertSchedule(schedule(workflowName, this.now).set("next_run_time", "-infinity")
			.set("last_run_time", "infinity")
			.set("created_at", "-infinity")
			.set("paused_at", "infinity")
			.set("deleted_at", "-infinity"));
		String times = "SELECT ROW(next_run_time, last_run_time, created_at, paused_at, deleted_at)::text FROM schedules";
		String before = this.sql.sql(times).query(String.class).single();
		Schedule due = this.storage.getDueSchedules(this.now).get(0);
		assertThat(due.nextRunTime()).isEqualTo(SqlValues.NEGATIVE_INFINITY);
		this.storage.updateSchedule(due.withStatus(ScheduleStatus.PAUSED, this.now));
		assertThat(this.sql.sql(times).query(String.class).single()).isEqualTo(before)
			.isEqualTo("(-infinity,infinity,-infinity,infinity,-infinity)");
		assertThat(this.storage.getSchedule(schedule).orElseThrow().status()).isEqualTo(ScheduleStatus.PAUSED);
	}

	// Rows as another client writes them

	private String insertRun(Row row) {
		return insert("workflow_runs", row, "run_id");
	}

	private String insertStep(Row row) {
		return insert("steps", row, "step_id");
	}

	private String insertHook(Row row) {
		return insert("hooks", row, "hook_id");
	}

	private String insertSchedule(Row row) {
		return insert("schedules", row, "schedule_id");
	}

	// Plain SQL with literals, as psql would send it.
	private String insert(String table, Row row, String idColumn) {
		String columns = String.join(", ", row.columns.keySet());
		String values = row.columns.values()
			.stream()
			.map((value) -> (value != null) ? "'" + value.replace("'", "''") + "'" : "NULL")
			.collect(Collectors.joining(", "));
		this.sql.sql("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")").update();
		return row.columns.get(idColumn);
	}

	private String snapshot(String table, String idColumn, String id) {
		return this.sql.sql("SELECT ROW(t.*)::text FROM " + table + " t WHERE " + idColumn + " = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	private static String keyColumn(String table) {
		return switch (table) {
			case "workflow_runs" -> "run_id";
			case "steps" -> "step_id";
			case "hooks" -> "hook_id";
			case "schedules" -> "schedule_id";
			default -> "event_id";
		};
	}

	private static Row run(String workflowName, Instant createdAt) {
		return new Row().set("run_id", TestData.id("run"))
			.set("workflow_name", workflowName)
			.set("status", "pending")
			.set("created_at", createdAt.toString())
			.set("updated_at", createdAt.toString())
			.set("input_args", "[]")
			.set("input_kwargs", "{}")
			.set("metadata", "{}");
	}

	private static Row childOf(String parentRunId, Row run) {
		return run.set("parent_run_id", parentRunId).set("nesting_depth", "1");
	}

	private static Row step(String runId, String name, Instant createdAt) {
		return new Row().set("step_id", TestData.id("step"))
			.set("run_id", runId)
			.set("step_name", name)
			.set("status", "pending")
			.set("created_at", createdAt.toString())
			.set("input_args", "[]")
			.set("input_kwargs", "{}");
	}

	private static Row hook(String runId, String name, Instant createdAt) {
		String hookId = TestData.id(name);
		return new Row().set("run_id", runId)
			.set("hook_id", hookId)
			.set("token", runId + ":" + hookId)
			.set("created_at", createdAt.toString())
			.set("status", "pending")
			.set("metadata", "{}");
	}

	// As pyworkflow's create_schedule writes it.
	private Row schedule(String workflowName, Instant nextRunTime) {
		return new Row().set("schedule_id", TestData.id("sched"))
			.set("workflow_name", workflowName)
			.set("spec", CRON_SPEC)
			.set("spec_type", "cron")
			.set("timezone", "UTC")
			.set("input_args", "[]")
			.set("input_kwargs", "{}")
			.set("status", "active")
			.set("overlap_policy", "skip")
			.set("next_run_time", nextRunTime.toString())
			.set("running_run_ids", "[\"r1\", \"r2\"]")
			.set("metadata", "{}")
			.set("created_at", this.now.toString())
			.set("updated_at", this.now.toString());
	}

	private static Map<String, String> keyOf(String... columnsAndValues) {
		Map<String, String> key = new LinkedHashMap<>();
		for (int i = 0; i < columnsAndValues.length; i += 2) {
			key.put(columnsAndValues[i], columnsAndValues[i + 1]);
		}
		return key;
	}

	private Object readRun(String operation, String runId) {
		return switch (operation) {
			case "getRun" -> this.storage.getRun(runId);
			case "getRunContext" -> this.storage.getRunContext(runId);
			case "getParent" -> this.storage.getParent(runId);
			case "getNestingDepth" -> this.storage.getNestingDepth(runId);
			default -> this.storage.getWorkflowChain(runId);
		};
	}

	private static ThrowableAssertAlternative<UndecodableRowException> assertUndecodable(
			ThrowingCallable call, String operation, String table, Map<String, String> rowKey, String column,
			String value) {
		return assertThatExceptionOfType(UndecodableRowException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.getOperation()).isEqualTo(operation);
			assertThat(ex.getTable()).isEqualTo(table);
			assertThat(ex.getRowKey()).containsExactlyEntriesOf(rowKey);
			assertThat(ex.getColumn()).isEqualTo(column);
			assertThat(ex.getValue()).isEqualTo(value);
			assertThat(ex.getMessage()).startsWith(operation + ": cannot read " + table + " row ")
				.contains(column + " " + UndecodableRowException.quote(value) + " must ");
		});
	}

	/**
	 * A row's columns and their values as SQL text, in insertion order.
	 */
	private static final class Row {

		final Map<String, @Nullable String> columns = new LinkedHashMap<>();

		Row set(String column, @Nullable String value) {
			this.columns.put(column, value);
			return this;
		}

		Row setAll(Map<String, @Nullable String> values) {
			this.columns.putAll(values);
			return this;
		}

	}

}
