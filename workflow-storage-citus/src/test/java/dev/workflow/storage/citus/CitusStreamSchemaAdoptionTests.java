package dev.workflow.storage.citus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Citus changelog on the two kinds of database a team brings to the stream tables: one that
 * pyworkflow 45fbe4c's Citus backend created and distributed (adopted as it is, every
 * distribution changeset skipped), and one at schema version 2 from this library's previous
 * changelog (which gains the stream tables, distributed).
 */
@EnabledIfCitus
class CitusStreamSchemaAdoptionTests {

	// pyworkflow 45fbe4c's CitusStorageBackend._initialize_schema (pyworkflow/storage/citus.py),
	// statement by statement as it runs them.
	private static final String PYWORKFLOW_TABLES = """
			CREATE TABLE IF NOT EXISTS schema_versions (
				version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL, description TEXT);
			CREATE TABLE IF NOT EXISTS workflow_runs (
				run_id TEXT PRIMARY KEY, workflow_name TEXT NOT NULL, status TEXT NOT NULL,
				created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ,
				completed_at TIMESTAMPTZ, input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}',
				result TEXT, error TEXT, idempotency_key TEXT, max_duration TEXT, metadata TEXT DEFAULT '{}',
				recovery_attempts INTEGER DEFAULT 0, max_recovery_attempts INTEGER DEFAULT 3,
				recover_on_worker_loss BOOLEAN DEFAULT TRUE, parent_run_id TEXT, nesting_depth INTEGER DEFAULT 0,
				continued_from_run_id TEXT, continued_to_run_id TEXT);
			CREATE INDEX IF NOT EXISTS idx_runs_status ON workflow_runs(status);
			CREATE INDEX IF NOT EXISTS idx_runs_workflow_name ON workflow_runs(workflow_name);
			CREATE INDEX IF NOT EXISTS idx_runs_created_at ON workflow_runs(created_at DESC);
			CREATE INDEX IF NOT EXISTS idx_runs_created_at_run_id ON workflow_runs(created_at DESC, run_id DESC);
			CREATE INDEX IF NOT EXISTS idx_runs_idempotency_key ON workflow_runs(idempotency_key) WHERE idempotency_key IS NOT NULL;
			CREATE INDEX IF NOT EXISTS idx_runs_parent_run_id ON workflow_runs(parent_run_id);
			CREATE TABLE IF NOT EXISTS events (
				event_id TEXT NOT NULL, run_id TEXT NOT NULL, sequence INTEGER NOT NULL, type TEXT NOT NULL,
				timestamp TIMESTAMPTZ NOT NULL, data TEXT NOT NULL DEFAULT '{}', step_id TEXT,
				PRIMARY KEY (run_id, event_id));
			CREATE INDEX IF NOT EXISTS idx_events_run_id_sequence ON events(run_id, sequence);
			CREATE INDEX IF NOT EXISTS idx_events_run_id_type ON events(run_id, type);
			CREATE TABLE IF NOT EXISTS steps (
				step_id TEXT NOT NULL, run_id TEXT NOT NULL, step_name TEXT NOT NULL, status TEXT NOT NULL,
				created_at TIMESTAMPTZ NOT NULL, started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ,
				input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}', result TEXT, error TEXT,
				retry_count INTEGER DEFAULT 0, PRIMARY KEY (run_id, step_id));
			CREATE INDEX IF NOT EXISTS idx_steps_run_id ON steps(run_id);
			CREATE INDEX IF NOT EXISTS idx_steps_step_id ON steps(step_id);
			CREATE TABLE IF NOT EXISTS hooks (
				run_id TEXT NOT NULL, hook_id TEXT NOT NULL, token TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
				received_at TIMESTAMPTZ, expires_at TIMESTAMPTZ, status TEXT NOT NULL, payload TEXT,
				metadata TEXT DEFAULT '{}', PRIMARY KEY (run_id, hook_id));
			CREATE INDEX IF NOT EXISTS idx_hooks_token ON hooks(token);
			CREATE INDEX IF NOT EXISTS idx_hooks_run_id ON hooks(run_id);
			CREATE INDEX IF NOT EXISTS idx_hooks_status ON hooks(status);
			CREATE TABLE IF NOT EXISTS schedules (
				schedule_id TEXT PRIMARY KEY, workflow_name TEXT NOT NULL, spec TEXT NOT NULL, spec_type TEXT NOT NULL,
				timezone TEXT, input_args TEXT NOT NULL DEFAULT '[]', input_kwargs TEXT NOT NULL DEFAULT '{}',
				status TEXT NOT NULL, overlap_policy TEXT NOT NULL, next_run_time TIMESTAMPTZ, last_run_time TIMESTAMPTZ,
				running_run_ids TEXT DEFAULT '[]', metadata TEXT DEFAULT '{}', created_at TIMESTAMPTZ NOT NULL,
				updated_at TIMESTAMPTZ NOT NULL, paused_at TIMESTAMPTZ, deleted_at TIMESTAMPTZ);
			CREATE INDEX IF NOT EXISTS idx_schedules_status ON schedules(status);
			CREATE INDEX IF NOT EXISTS idx_schedules_next_run_time ON schedules(next_run_time);
			CREATE INDEX IF NOT EXISTS idx_schedules_workflow_name ON schedules(workflow_name);
			CREATE TABLE IF NOT EXISTS cancellation_flags (run_id TEXT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL);
			CREATE TABLE IF NOT EXISTS checkpoints (
				step_run_id TEXT PRIMARY KEY, data JSONB NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW());
			CREATE TABLE IF NOT EXISTS streams (
				stream_id TEXT PRIMARY KEY, status TEXT NOT NULL DEFAULT 'active',
				created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(), metadata JSONB DEFAULT '{}');
			CREATE TABLE IF NOT EXISTS signals (
				stream_run_id TEXT NOT NULL, sequence INTEGER NOT NULL, signal_id TEXT NOT NULL, stream_id TEXT NOT NULL,
				signal_type TEXT NOT NULL, payload JSONB NOT NULL DEFAULT '{}', published_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				source_run_id TEXT, metadata JSONB DEFAULT '{}', PRIMARY KEY (stream_id, stream_run_id, sequence));
			CREATE INDEX IF NOT EXISTS idx_signals_signal_id ON signals(signal_id);
			CREATE TABLE IF NOT EXISTS stream_subscriptions (
				stream_id TEXT NOT NULL, step_run_id TEXT NOT NULL, signal_types JSONB NOT NULL DEFAULT '[]',
				status TEXT NOT NULL DEFAULT 'waiting', stream_run_id TEXT NULL, parent_run_id TEXT NULL,
				parent_hook_token TEXT NULL, result JSONB NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				PRIMARY KEY (stream_id, step_run_id));
			CREATE INDEX IF NOT EXISTS idx_subscriptions_status ON stream_subscriptions(stream_id, status);
			CREATE TABLE IF NOT EXISTS scheduled_signals (
				id TEXT PRIMARY KEY, stream_id TEXT NOT NULL, signal_type TEXT NOT NULL, payload JSONB NOT NULL DEFAULT '{}',
				due_at TIMESTAMPTZ NOT NULL, stream_run_id TEXT, metadata JSONB DEFAULT '{}',
				delivered BOOLEAN NOT NULL DEFAULT FALSE, created_at TIMESTAMPTZ NOT NULL DEFAULT NOW());
			CREATE INDEX IF NOT EXISTS idx_scheduled_signals_due ON scheduled_signals(delivered, due_at);
			CREATE TABLE IF NOT EXISTS signal_acknowledgments (
				signal_id TEXT NOT NULL, step_run_id TEXT NOT NULL, acknowledged_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				PRIMARY KEY (signal_id, step_run_id))""";

	// Its _distribute_tables, with Citus's default co-location: the same calls, in the same order.
	private static final String PYWORKFLOW_DISTRIBUTION = """
			SELECT create_distributed_table('workflow_runs', 'run_id');
			SELECT create_distributed_table('events', 'run_id', colocate_with => 'workflow_runs');
			SELECT create_distributed_table('steps', 'run_id', colocate_with => 'workflow_runs');
			SELECT create_distributed_table('hooks', 'run_id', colocate_with => 'workflow_runs');
			SELECT create_distributed_table('cancellation_flags', 'run_id', colocate_with => 'workflow_runs');
			SELECT create_distributed_table('schedules', 'schedule_id');
			SELECT create_reference_table('schema_versions');
			SELECT create_reference_table('checkpoints');
			SELECT create_reference_table('streams');
			SELECT create_distributed_table('signals', 'stream_run_id');
			SELECT create_distributed_table('stream_subscriptions', 'stream_id');
			SELECT create_reference_table('signal_acknowledgments');
			SELECT create_reference_table('scheduled_signals')""";

	// Its CitusMigrationRunner on that fresh database: baseline 1 (events exists), then 2 to 7, each
	// migration in a transaction of its own. Migration 3 drops, recreates and distributes signals
	// and signal_acknowledgments again; 4, 6 and 7 change nothing there (their columns exist).
	private static final List<String> PYWORKFLOW_MIGRATIONS = List.of("""
			INSERT INTO schema_versions (version, applied_at, description) VALUES (1, now(), 'Baseline: original schema')
			ON CONFLICT (version) DO NOTHING""", """
			CREATE INDEX IF NOT EXISTS idx_events_run_id_step_id_type ON events(run_id, step_id, type);
			UPDATE events SET step_id = (data::jsonb)->>'step_id' WHERE step_id IS NULL AND (data::jsonb)->>'step_id' IS NOT NULL;
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (2, now(), 'Add step_id column to events table for optimized has_event() queries')""", """
			DROP TABLE IF EXISTS signal_acknowledgments;
			DROP TABLE IF EXISTS signals;
			CREATE TABLE signals (
				stream_run_id TEXT NOT NULL, sequence INTEGER NOT NULL, signal_id TEXT NOT NULL, stream_id TEXT NOT NULL,
				signal_type TEXT NOT NULL, payload JSONB NOT NULL DEFAULT '{}', published_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				source_run_id TEXT, metadata JSONB DEFAULT '{}', PRIMARY KEY (stream_id, stream_run_id, sequence));
			CREATE INDEX idx_signals_signal_id ON signals(signal_id);
			CREATE TABLE signal_acknowledgments (
				signal_id TEXT NOT NULL, step_run_id TEXT NOT NULL, acknowledged_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
				PRIMARY KEY (signal_id, step_run_id));
			SELECT create_distributed_table('signals', 'stream_run_id');
			SELECT create_reference_table('signal_acknowledgments');
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (3, now(), 'Restructure signals table: PK (stream_id, stream_run_id, sequence), drop and recreate')""",
			"""
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (4, now(), 'Drop FK constraints referencing streams table — streams are code-defined')""", """
			ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS stream_run_id TEXT NULL;
			CREATE INDEX IF NOT EXISTS idx_subscriptions_stream_run ON stream_subscriptions(stream_id, stream_run_id);
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (5, now(), 'Add stream_run_id to stream_subscriptions (+index) and create scheduled_signals table for time-delayed signal delivery')""",
			"""
			ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS parent_run_id TEXT NULL;
			ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS parent_hook_token TEXT NULL;
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (6, now(), 'Add parent_run_id + parent_hook_token to stream_subscriptions for hook-based parent workflow resumption')""",
			"""
			ALTER TABLE stream_subscriptions ADD COLUMN IF NOT EXISTS result JSONB NULL;
			INSERT INTO schema_versions (version, applied_at, description)
			VALUES (7, now(), 'Add result column to stream_subscriptions for step output payloads')""");

	// A stream run pyworkflow's publish_signal numbered: its first signal, sequence 0.
	private static final String PYWORKFLOW_SIGNAL = """
			INSERT INTO signals (stream_run_id, sequence, signal_id, stream_id, signal_type, payload)
			VALUES ('stream-run-py', 0, 'signal-py', 'orders', 'task.created', '{"task": 1}')""";

	private static final String DISTRIBUTION = """
			SELECT logicalrelid::text || ' ' || partmethod::text || ' ' || repmodel::text || ' ' || colocationid
				|| COALESCE(' ' || column_to_column_name(logicalrelid, partkey), '')
			FROM pg_dist_partition ORDER BY 1""";

	private static final String DISTRIBUTION_CHANGESETS = "SELECT id, exectype FROM " + SchemaMigrator.CHANGELOG_TABLE
			+ " WHERE id LIKE 'citus-distribute-%' OR id LIKE 'citus-reference-%'";

	private static final String SCHEMA_VERSIONS = "SELECT version FROM schema_versions ORDER BY version";

	// What the changelog of 79e2d16 added to that of 5827e70, which it changed nowhere else: a
	// database the earlier changelog migrated is a migrated one without these.
	private static final List<String> STREAM_CHANGESETS = List.of("citus-11-stream-tables",
			"citus-reference-checkpoints", "citus-reference-streams", "citus-reference-signal-acknowledgments",
			"citus-reference-scheduled-signals", "citus-distribute-signals", "citus-distribute-stream-subscriptions",
			"citus-schema-versions-rows-3-to-7");

	private static final List<String> STREAM_TABLES = List.of("checkpoints", "streams", "signals",
			"stream_subscriptions", "scheduled_signals", "signal_acknowledgments");

	@Test
	void aDatabasePyworkflowsCitusBackendCreatedIsAdoptedWithEveryDistributionAsItWas() {
		DataSource dataSource = CitusClusters.get().newDatabase("pyworkflow_streams");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (String statement : (PYWORKFLOW_TABLES + ";\n" + PYWORKFLOW_DISTRIBUTION).split(";\n")) {
			jdbc.execute(statement);
		}
		// One text per migration: one implicit transaction, as pyworkflow's conn.transaction().
		PYWORKFLOW_MIGRATIONS.forEach(jdbc::execute);
		jdbc.execute(PYWORKFLOW_SIGNAL);
		List<String> pyworkflowsDistribution = jdbc.queryForList(DISTRIBUTION, String.class);

		new CitusSchemaMigrator(dataSource).migrate();

		// Only the two key tables, which pyworkflow does not have, are distributed anew.
		List<String> distribution = new ArrayList<>(jdbc.queryForList(DISTRIBUTION, String.class));
		assertThat(distribution).containsAll(pyworkflowsDistribution);
		distribution.removeAll(pyworkflowsDistribution);
		assertThat(distribution).extracting((row) -> row.substring(0, row.indexOf(' ')))
			.containsExactlyInAnyOrder("workflow_idempotency_keys", "hook_tokens");
		assertThat(changesetOutcomes(dataSource)).allSatisfy((id, outcome) -> assertThat(outcome).as(id)
			.isEqualTo(id.endsWith("-idempotency-keys") || id.endsWith("-hook-tokens") ? "EXECUTED" : "MARK_RAN"));
		assertThat(jdbc.queryForList(SCHEMA_VERSIONS, Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(new CitusMetadata(dataSource).undistributedTables()).isEmpty();
		// The changelog's own stream tables, index for index, once it added ours (the stream run index).
		assertThat(SchemaComparisonTests.schema(dataSource, STREAM_TABLES)).containsExactlyInAnyOrderElementsOf(
				SchemaComparisonTests.schema(CitusClusters.newMigratedDatabase("streams_compared"), STREAM_TABLES));
		// pyworkflow's numbering goes on: the stream run's next signal is its second.
		WorkflowStorage storage = new CitusWorkflowStorage(dataSource);
		NewSignal next = NewSignal.of(TestData.id("signal"), "orders", "task.created", "{}").inStreamRun("stream-run-py");
		assertThat(storage.publishSignal(next)).isOne();
		assertThat(storage.queryStreamSignals(SignalQuery.of("orders", "stream-run-py")))
			.extracting(Signal::signalId)
			.containsExactly("signal-py", next.signalId());
	}

	@Test
	void aDatabaseOfSchemaVersion2FromThePreviousChangelogGainsTheStreamTablesDistributed() {
		DataSource dataSource = CitusClusters.newMigratedDatabase("schema_version_2");
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// As the changelog of 5827e70 left the database.
		STREAM_TABLES.forEach((table) -> jdbc.execute("DROP TABLE " + table));
		JdbcClient.create(dataSource)
			.sql("DELETE FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id IN (:ids)")
			.param("ids", STREAM_CHANGESETS)
			.update();
		jdbc.execute("DELETE FROM schema_versions WHERE version > 2");
		assertThat(new CitusMetadata(dataSource).undistributedTables())
			.containsExactlyInAnyOrderElementsOf(STREAM_TABLES);
		WorkflowStorage storage = new CitusWorkflowStorage(dataSource);
		WorkflowRun run = TestData.run(Instant.now()).build();
		storage.createRun(run);

		new CitusSchemaMigrator(dataSource).migrate();

		assertThat(new CitusMetadata(dataSource).undistributedTables()).isEmpty();
		assertThat(jdbc.queryForList(DISTRIBUTION, String.class)).filteredOn((row) -> STREAM_TABLES
			.contains(row.substring(0, row.indexOf(' '))))
			.extracting((row) -> row.replaceAll(" \\d+( |$)", "$1"))
			.containsExactlyInAnyOrder("checkpoints n t", "streams n t", "signal_acknowledgments n t",
					"scheduled_signals n t", "signals h s stream_run_id", "stream_subscriptions h s stream_id");
		assertThat(JdbcClient.create(dataSource)
			.sql("SELECT id || ' ' || exectype FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id IN (:ids)")
			.param("ids", STREAM_CHANGESETS)
			.query(String.class)
			.list()).containsExactlyInAnyOrderElementsOf(STREAM_CHANGESETS.stream().map((id) -> id + " EXECUTED").toList());
		assertThat(jdbc.queryForList(SCHEMA_VERSIONS, Integer.class)).containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(storage.getRun(run.runId())).isPresent();
		assertThat(storage.publishSignal(NewSignal.of(TestData.id("signal"), "orders", "task.created", "{}")
			.inStreamRun(run.runId()))).isZero();
	}

	private static Map<String, String> changesetOutcomes(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForList(DISTRIBUTION_CHANGESETS)
			.stream()
			.collect(Collectors.toMap((row) -> (String) row.get("id"), (row) -> (String) row.get("exectype")));
	}

}
