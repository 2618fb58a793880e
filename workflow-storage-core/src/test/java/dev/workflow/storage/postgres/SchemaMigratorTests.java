package dev.workflow.storage.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpecType;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.LogCapture;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The PostgreSQL changelog on real databases: fresh, created by pyworkflow, from before
 * pyworkflow's schema versioning, migrated twice and by several processes at once.
 */
class SchemaMigratorTests {

	private static final List<String> TABLES = List.of("schema_versions", "workflow_runs", "events", "steps",
			"hooks", "schedules", "cancellation_flags", "checkpoints", "streams", "signals", "stream_subscriptions",
			"scheduled_signals", "signal_acknowledgments");

	private static final List<Integer> PYWORKFLOW_VERSIONS = List.of(1, 2, 3, 4, 5, 6, 7);

	private static final int CHANGESETS = 15;

	// pyworkflow 45fbe4c's descriptions (pyworkflow/storage/migrations/base.py).
	private static final List<String> PYWORKFLOW_DESCRIPTIONS = List.of("Baseline: original schema",
			"Add step_id column to events table for optimized has_event() queries",
			"Restructure signals table: PK (stream_id, stream_run_id, sequence), drop and recreate",
			"Drop FK constraints referencing streams table \u2014 streams are code-defined",
			"Add stream_run_id to stream_subscriptions (+index) and create scheduled_signals table for time-delayed "
					+ "signal delivery",
			"Add parent_run_id + parent_hook_token to stream_subscriptions for hook-based parent workflow resumption",
			"Add result column to stream_subscriptions for step output payloads");

	// What pyworkflow 45fbe4c leaves on an empty database: its migrations run before its tables are
	// created, migration 3 creates signals and signal_acknowledgments, and migration 5 fails on the
	// missing stream_subscriptions, so the database stays at version 4.
	private static final String STUCK_AT_VERSION_4 = """
			CREATE TABLE schema_versions (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL, description TEXT);
			INSERT INTO schema_versions VALUES (1, now(), 'Baseline: original schema'),
				(2, now(), 'Add step_id column to events table for optimized has_event() queries'),
				(3, now(), 'Restructure signals table: PK (stream_id, stream_run_id, sequence), drop and recreate'),
				(4, now(), 'Drop FK constraints referencing streams table');
			CREATE TABLE signals (stream_run_id TEXT NOT NULL, sequence INTEGER NOT NULL, signal_id TEXT NOT NULL,
				stream_id TEXT NOT NULL, signal_type TEXT NOT NULL, payload JSONB NOT NULL DEFAULT '{}',
				published_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), source_run_id TEXT, metadata JSONB DEFAULT '{}',
				PRIMARY KEY (stream_id, stream_run_id, sequence));
			CREATE UNIQUE INDEX idx_signals_signal_id ON signals(signal_id);
			CREATE TABLE signal_acknowledgments (signal_id TEXT NOT NULL, step_run_id TEXT NOT NULL,
				acknowledged_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), PRIMARY KEY (signal_id, step_run_id))""";

	// The checksums of the changesets whose SQL was written in the changelog before it ran the
	// shared files of db/workflow-storage/common.
	private static final Map<String, String> CHECKSUMS_BEFORE_COMMON_SQL = Map.of("1-schema-versions",
			"9:652a1daea1d0a0f53ab57786d732921c", "2-workflow-runs", "9:3aaf280a60b17936094384a74f36b5f3", "4-events",
			"9:1b0b5862d101e6a6254ed55bf3a7def0", "7-steps", "9:d02959f3a76b3020b2e7eb06dcd242ed", "8-hooks",
			"9:442e1195e7d4466228817b4a431a2b8d", "9-schedules", "9:55f96fcc7da8adf3329dabec3ad67f74",
			"10-cancellation-flags", "9:033354959c9b50ca71b583abe804d982");

	@Test
	void freshDatabaseGetsEveryTableAndPyworkflowSchemaVersions() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("fresh")) {
			new SchemaMigrator(dataSource).migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThat(tables(jdbc)).containsAll(TABLES).contains(SchemaMigrator.CHANGELOG_TABLE,
					SchemaMigrator.CHANGELOG_LOCK_TABLE).doesNotContain("databasechangelog");
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
			assertThat(jdbc.sql("SELECT description FROM schema_versions ORDER BY version").query(String.class).list())
				.isEqualTo(PYWORKFLOW_DESCRIPTIONS);
			assertThat(indexes(jdbc, "events")).contains("idx_events_run_id_step_id_type");
			assertThat(indexes(jdbc, "signals")).contains("signals_pkey", "idx_signals_signal_id",
					"idx_signals_stream_run_id_sequence");
			assertThat(indexes(jdbc, "stream_subscriptions")).contains("stream_subscriptions_pkey",
					"idx_subscriptions_status", "idx_subscriptions_stream_run");
			assertThat(indexes(jdbc, "scheduled_signals")).contains("idx_scheduled_signals_due");
			assertThat(sequenceIndexes(jdbc)).containsExactly("idx_events_run_id_sequence unique");
			assertThat(indexes(jdbc, "workflow_runs")).contains("idx_runs_created_at_run_id",
					"idx_runs_idempotency_key");
		}
	}

	@Test
	void migratingTwiceChangesNothing() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("twice")) {
			new SchemaMigrator(dataSource).migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			int applied = appliedChangesets(jdbc);
			new SchemaMigrator(dataSource).migrate();
			assertThat(appliedChangesets(jdbc)).isEqualTo(applied).isEqualTo(CHANGESETS);
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
		}
	}

	@Test
	void databaseMigratedWithTheJsonbBackfillOfEarlierVersionsStillValidates() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("earlier_backfill")) {
			new SchemaMigrator(dataSource).migrate();
			// The checksum that the first version of changeset 5 (a jsonb-cast UPDATE) left behind.
			EmbeddedPostgresServer.execute(dataSource, "UPDATE " + SchemaMigrator.CHANGELOG_TABLE
					+ " SET md5sum = '9:1632be3f56194ae8c83452ec62f6573c' WHERE id = '5-events-step-id'");
			SchemaMigrator migrator = new SchemaMigrator(dataSource);
			migrator.validate();
			migrator.migrate();
			assertThat(appliedChangesets(JdbcClient.create(dataSource))).isEqualTo(CHANGESETS);
		}
	}

	@Test
	void databaseMigratedBeforeTheSharedSqlFilesValidatesAndRunsNothingAgain() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("before_common_sql")) {
			new SchemaMigrator(dataSource).migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			CHECKSUMS_BEFORE_COMMON_SQL.forEach((id, checksum) -> assertThat(jdbc
				.sql("UPDATE " + SchemaMigrator.CHANGELOG_TABLE + " SET md5sum = ? WHERE id = ? AND md5sum <> ?")
				.params(checksum, id, checksum)
				.update()).as(id).isOne());
			SchemaMigrator migrator = new SchemaMigrator(dataSource);
			migrator.validate();
			migrator.migrate();
			assertThat(appliedChangesets(jdbc)).isEqualTo(CHANGESETS);
		}
	}

	@Test
	void databaseWithTheTwoSequenceIndexesOfEarlierVersionsKeepsOnlyTheUniqueOneUnderPyworkflowsName() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("two_indexes")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			new SchemaMigrator(dataSource).migrate();
			// What the first version of changeset 6 left: pyworkflow's index and a unique one beside it.
			EmbeddedPostgresServer.execute(dataSource, "ALTER INDEX idx_events_run_id_sequence RENAME TO "
					+ "idx_events_run_id_sequence_unique; CREATE INDEX idx_events_run_id_sequence ON events(run_id, sequence); "
					+ "UPDATE " + SchemaMigrator.CHANGELOG_TABLE + " SET md5sum = '9:89e6d2ebd6fb4bb02dd46e7c0ca3c54d' "
					+ "WHERE id = '6-events-unique-sequence'; DELETE FROM " + SchemaMigrator.CHANGELOG_TABLE
					+ " WHERE id = '12-events-one-sequence-index'");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThat(sequenceIndexes(jdbc)).containsExactlyInAnyOrder("idx_events_run_id_sequence",
					"idx_events_run_id_sequence_unique unique");
			List<String> before = eventRows(jdbc);
			new SchemaMigrator(dataSource).migrate();
			assertThat(sequenceIndexes(jdbc)).containsExactly("idx_events_run_id_sequence unique");
			assertThat(appliedChangesets(jdbc)).isEqualTo(CHANGESETS);
			assertThat(eventRows(jdbc)).isEqualTo(before);
			WorkflowStorage storage = new PostgresWorkflowStorage(dataSource);
			assertThat(storage.recordEvent(TestData.event("py-run-1", "step.started", Instant.now(), "{}"))).isEqualTo(2);
		}
	}

	@Test
	void pyworkflowsStartupStatementLeavesTheUniqueIndexAlone() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newMigratedDatabase("pyworkflow_restart")) {
			// pyworkflow's PostgresStorageBackend runs this on every connect().
			EmbeddedPostgresServer.execute(dataSource,
					"CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence ON events(run_id, sequence)");
			assertThat(sequenceIndexes(JdbcClient.create(dataSource)))
				.containsExactly("idx_events_run_id_sequence unique");
		}
	}

	@Test
	void invalidIndexLeftByAnInterruptedBuildIsReplaced() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("invalid_index")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			EmbeddedPostgresServer.execute(dataSource, """
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data)
					VALUES ('py-evt-dup', 'py-run-1', 1, 'step.failed', now(), '{}')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> EmbeddedPostgresServer.execute(dataSource,
					"CREATE UNIQUE INDEX CONCURRENTLY idx_events_run_id_sequence_unique ON events(run_id, sequence)"));
			assertThat(sequenceIndexes(jdbc)).contains("idx_events_run_id_sequence_unique unique invalid");
			EmbeddedPostgresServer.execute(dataSource, "UPDATE events SET sequence = 2 WHERE event_id = 'py-evt-dup'");
			new SchemaMigrator(dataSource).migrate();
			assertThat(sequenceIndexes(jdbc)).containsExactly("idx_events_run_id_sequence unique");
		}
	}

	@Test
	void validateNamesPendingChangesetsAndPassesOnceMigrated() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("validate")) {
			SchemaMigrator migrator = new SchemaMigrator(dataSource);
			assertThatExceptionOfType(SchemaMigrationException.class).isThrownBy(migrator::validate)
				.withMessageContaining("not up to date: " + CHANGESETS + " changeset(s)")
				.withMessageContaining("1-schema-versions");
			assertThat(tables(JdbcClient.create(dataSource))).doesNotContain("workflow_runs");
			migrator.migrate();
			migrator.validate();
		}
	}

	@Test
	void databaseCreatedByPyworkflowIsAdoptedWithItsData() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("pyworkflow_v2")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			new SchemaMigrator(dataSource).migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
			assertThat(sequenceIndexes(jdbc)).containsExactly("idx_events_run_id_sequence unique");
			WorkflowStorage storage = new PostgresWorkflowStorage(dataSource);
			WorkflowRun run = storage.getRun("py-run-1").orElseThrow();
			assertThat(run.workflowName()).isEqualTo("python_workflow");
			assertThat(run.context()).isEqualTo("{\"step\": 1}");
			assertThat(storage.getRunByIdempotencyKey("py-key-1")).contains(run);
			assertThat(storage.hasEvent("py-run-1", "step.completed", Map.of("step_id", "s1"))).isTrue();
			assertThat(storage.recordEvent(TestData.event("py-run-1", "step.started", run.createdAt(), "{}")))
				.isEqualTo(2);
			Schedule schedule = storage.getSchedule("py-sched-1").orElseThrow();
			assertThat(schedule.spec().type()).isEqualTo(ScheduleSpecType.INTERVAL);
			assertThat(schedule.spec().interval()).isEqualTo("5m");
			assertThat(schedule.runningRunIds()).containsExactly("py-run-1");
			storage.addRunningRun("py-sched-1", "jvm-run");
			assertThat(jdbc.sql("SELECT running_run_ids::jsonb = '[\"py-run-1\", \"jvm-run\"]'::jsonb FROM schedules")
				.query(Boolean.class)
				.single()).isTrue();
		}
	}

	@Test
	void databaseFromBeforeSchemaVersioningGetsStepIdsBackfilled() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("pyworkflow_v1")) {
			runScript(dataSource, "pyworkflow/schema-v1.sql");
			new SchemaMigrator(dataSource).migrate();
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThat(tables(jdbc)).containsAll(TABLES);
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
			assertThat(jdbc.sql("SELECT step_id FROM events WHERE event_id = 'old-evt-0'").query(String.class).single())
				.isEqualTo("legacy-step");
			WorkflowStorage storage = new PostgresWorkflowStorage(dataSource);
			assertThat(storage.hasEvent("old-run", "step.completed", Map.of("step_id", "legacy-step"))).isTrue();
			assertThat(storage.getEvents("old-run")).extracting(Event::sequence).containsExactly(0, 1);
		}
	}

	@Test
	void duplicateSequencesWrittenByPyworkflowStopTheMigrationWithAClearMessage() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("duplicates")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			EmbeddedPostgresServer.execute(dataSource, """
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data)
					VALUES ('py-evt-dup', 'py-run-1', 1, 'step.failed', now(), '{}')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			List<String> before = eventRows(jdbc);
			assertThatExceptionOfType(SchemaMigrationException.class)
				.isThrownBy(() -> new SchemaMigrator(dataSource).migrate())
				.withMessageContaining("share a sequence number")
				.withMessageContaining("run 'py-run-1' sequence 1 (2 events)")
				.withMessageContaining("Renumber")
				.withMessageContaining("Nothing was changed");
			assertThat(eventRows(jdbc)).isEqualTo(before);
			assertThat(tables(jdbc)).doesNotContain(SchemaMigrator.CHANGELOG_TABLE);
			EmbeddedPostgresServer.execute(dataSource, "UPDATE events SET sequence = 2 WHERE event_id = 'py-evt-dup'");
			new SchemaMigrator(dataSource).migrate();
			assertThat(sequenceIndexes(JdbcClient.create(dataSource))).containsExactly("idx_events_run_id_sequence unique");
		}
	}

	@Test
	void eventDataThatJsonbRefusesIsAdoptedFilledAndFiltered() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("not_jsonb")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			// As Python's json.dumps writes them: valid JSON text, but not valid jsonb.
			EmbeddedPostgresServer.execute(dataSource, """
					INSERT INTO events (event_id, run_id, sequence, type, timestamp, data) VALUES
					('py-nul', 'py-run-1', 2, 'step.completed', now(), '{"step_id": "s-nul", "note": "a\\u0000b", "attempt": 1}'),
					('py-surrogate', 'py-run-1', 3, 'step.completed', now(), '{"step_id": "s-sur", "note": "\\ud800"}'),
					('py-huge', 'py-run-1', 4, 'step.failed', now(), '{"step_id": "s-huge", "amount": 1e999999}'),
					('py-bad-step', 'py-run-1', 5, 'step.failed', now(), '{"step_id": "\\u0000"}')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			List<String> data = jdbc.sql("SELECT data FROM events ORDER BY sequence").query(String.class).list();
			new SchemaMigrator(dataSource).migrate();
			assertThat(jdbc.sql("SELECT data FROM events ORDER BY sequence").query(String.class).list()).isEqualTo(data);
			assertThat(jdbc.sql("SELECT event_id || '=' || COALESCE(step_id, '-') FROM events ORDER BY sequence")
				.query(String.class)
				.list()).containsExactly("py-evt-0=-", "py-evt-1=s1", "py-nul=s-nul", "py-surrogate=s-sur",
						"py-huge=s-huge", "py-bad-step=-");
			WorkflowStorage storage = new PostgresWorkflowStorage(dataSource);
			assertThat(storage.getEvents("py-run-1")).extracting(Event::data).containsExactlyElementsOf(data);
			assertThat(storage.hasEvent("py-run-1", "step.completed", Map.of("step_id", "s-nul"))).isTrue();
			assertThat(storage.hasEvent("py-run-1", "step.completed", Map.of("attempt", "1"))).isTrue();
			assertThat(storage.hasEvent("py-run-1", "step.completed", Map.of("attempt", "2"))).isFalse();
			assertThat(storage.hasEvent("py-run-1", "step.failed", Map.of("step_id", "s-huge", "amount", "1e999999")))
				.isTrue();
			assertThat(storage.hasEvent("py-run-1", "step.failed", Map.of("amount", "1"))).isFalse();
		}
	}

	@Test
	void newerPyworkflowSchemaVersionsAndTablesAreLeftAsTheyAre() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newMigratedDatabase("newer_pyworkflow")) {
			EmbeddedPostgresServer.execute(dataSource, """
					INSERT INTO schema_versions (version, applied_at, description)
						SELECT v, now(), 'later pyworkflow ' || v FROM generate_series(8, 9) AS v;
					CREATE TABLE stream_windows (window_id TEXT PRIMARY KEY, payload TEXT);
					INSERT INTO stream_windows VALUES ('w-1', '{}')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			try (LogCapture log = LogCapture.of(SchemaMigrator.class)) {
				SchemaMigrator migrator = new SchemaMigrator(dataSource);
				migrator.migrate();
				migrator.validate();
				assertThat(log.messages()).filteredOn((message) -> message.contains("8, 9"))
					.hasSize(2)
					.allMatch((message) -> message.contains("leaves"));
			}
			assertThat(schemaVersions(jdbc)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
			assertThat(jdbc.sql("SELECT description FROM schema_versions WHERE version = 9").query(String.class).single())
				.isEqualTo("later pyworkflow 9");
			assertThat(jdbc.sql("SELECT window_id FROM stream_windows").query(String.class).list()).containsExactly("w-1");
		}
	}

	@Test
	void databaseStuckAtPyworkflowSchemaVersion4IsFinishedKeepingItsRows() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("stuck_v4")) {
			EmbeddedPostgresServer.execute(dataSource, STUCK_AT_VERSION_4);
			EmbeddedPostgresServer.execute(dataSource, """
					INSERT INTO signals (stream_run_id, sequence, signal_id, stream_id, signal_type, payload)
					VALUES ('sr-1', 0, 'sig-1', 'orders', 'task.created', '{"n": 1}');
					INSERT INTO signal_acknowledgments (signal_id, step_run_id) VALUES ('sig-1', 'step-1')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			String versionsBefore = versionRows(jdbc, 4);
			new SchemaMigrator(dataSource).migrate();
			assertThat(tables(jdbc)).containsAll(TABLES);
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
			assertThat(versionRows(jdbc, 4)).as("the versions pyworkflow recorded").isEqualTo(versionsBefore);
			assertThat(jdbc.sql("SELECT signal_id || ' ' || payload::text FROM signals").query(String.class).list())
				.containsExactly("sig-1 {\"n\": 1}");
			WorkflowStorage storage = new PostgresWorkflowStorage(dataSource);
			assertThat(storage.getPendingSignals("orders", "step-1")).isEmpty();
			storage.registerStreamSubscription("orders", "step-2", List.of("task.created"), "sr-1");
			assertThat(storage.getPendingSignals("orders", "step-2")).extracting(Signal::signalId).containsExactly("sig-1");
			assertThat(storage.publishSignal(NewSignal.of("sig-2", "orders", "task.created", "{}").inStreamRun("sr-1")))
				.isEqualTo(1);
		}
	}

	@Test
	void signalsOfAPyworkflowBeforeSchemaVersion3StopTheMigrationWithAClearMessage() {
		try (HikariDataSource dataSource = EmbeddedPostgresServer.newDatabase("old_signals")) {
			runScript(dataSource, "pyworkflow/schema-v2.sql");
			EmbeddedPostgresServer.execute(dataSource, """
					CREATE TABLE signals (signal_id TEXT PRIMARY KEY, stream_id TEXT NOT NULL, payload TEXT);
					INSERT INTO signals VALUES ('old-sig', 'orders', '{}')""");
			JdbcClient jdbc = JdbcClient.create(dataSource);
			assertThatExceptionOfType(SchemaMigrationException.class)
				.isThrownBy(() -> new SchemaMigrator(dataSource).migrate())
				.withMessageContaining("Table signals has the shape of a pyworkflow before its schema version 3")
				.withMessageContaining("Nothing was changed");
			assertThat(tables(jdbc)).doesNotContain(SchemaMigrator.CHANGELOG_TABLE, "streams");
			assertThat(schemaVersions(jdbc)).containsExactly(1, 2);
			assertThat(jdbc.sql("SELECT signal_id FROM signals").query(String.class).list()).containsExactly("old-sig");
		}
	}

	@Test
	void processesMigratingAtOnceAllSucceed() throws Exception {
		String database = EmbeddedPostgresServer.createDatabase("concurrent");
		List<HikariDataSource> processes = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			processes.add(EmbeddedPostgresServer.dataSource(database));
		}
		ExecutorService executor = Executors.newFixedThreadPool(processes.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (DataSource process : processes) {
				Callable<Boolean> migrate = () -> {
					start.await();
					new SchemaMigrator(process).migrate();
					return true;
				};
				results.add(executor.submit(migrate));
			}
			start.countDown();
			for (Future<Boolean> result : results) {
				assertThat(result.get(120, TimeUnit.SECONDS)).isTrue();
			}
			JdbcClient jdbc = JdbcClient.create(processes.get(0));
			assertThat(appliedChangesets(jdbc)).isEqualTo(CHANGESETS);
			assertThat(schemaVersions(jdbc)).isEqualTo(PYWORKFLOW_VERSIONS);
			assertThat(sequenceIndexes(jdbc)).containsExactly("idx_events_run_id_sequence unique");
		}
		finally {
			executor.shutdownNow();
			processes.forEach(HikariDataSource::close);
		}
	}

	private static List<String> tables(JdbcClient jdbc) {
		return jdbc.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
			.query(String.class)
			.list();
	}

	// Every index on events (run_id, sequence), as "name[ unique][ invalid]".
	static List<String> sequenceIndexes(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT c.relname || CASE WHEN i.indisunique THEN ' unique' ELSE '' END
				       || CASE WHEN i.indisvalid THEN '' ELSE ' invalid' END
				FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
				WHERE i.indrelid = 'events'::regclass
				  AND pg_get_indexdef(i.indexrelid) LIKE '%(run_id, sequence)'""").query(String.class).list();
	}

	private static List<String> indexes(JdbcClient jdbc, String table) {
		return jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = ?").param(table).query(String.class).list();
	}

	private static List<String> eventRows(JdbcClient jdbc) {
		return jdbc.sql("SELECT event_id || '|' || sequence || '|' || data FROM events ORDER BY event_id")
			.query(String.class)
			.list();
	}

	private static List<Integer> schemaVersions(JdbcClient jdbc) {
		return jdbc.sql("SELECT version FROM schema_versions ORDER BY version").query(Integer.class).list();
	}

	// The rows of schema_versions up to a version, as text, to see that none was rewritten.
	private static String versionRows(JdbcClient jdbc, int upTo) {
		return jdbc.sql("SELECT string_agg(version || '|' || applied_at || '|' || description, ';' ORDER BY version) "
				+ "FROM schema_versions WHERE version <= ?").param(upTo).query(String.class).single();
	}

	private static int appliedChangesets(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM " + SchemaMigrator.CHANGELOG_TABLE).query(Integer.class).single();
	}

	private static void runScript(DataSource dataSource, String resource) {
		try (InputStream in = SchemaMigratorTests.class.getClassLoader().getResourceAsStream(resource)) {
			EmbeddedPostgresServer.execute(dataSource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
