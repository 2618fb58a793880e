package dev.workflow.storage.citus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the Citus changelog leaves on a real cluster, and how the storage's statements are routed.
 */
@EnabledIfCitus
class CitusDistributionTests {

	private static final List<String> RUN_TABLES = List.of("workflow_runs", "events", "steps", "hooks",
			"cancellation_flags");

	// As pyworkflow 45fbe4c's CitusStorageBackend._distribute_tables (pyworkflow/storage/citus.py)
	// distributes its stream tables: a partition method and column ('n' for a reference table).
	private static final Map<String, String> STREAM_TABLES = Map.of("checkpoints", "n", "streams", "n",
			"signal_acknowledgments", "n", "scheduled_signals", "n", "signals", "stream_run_id", "stream_subscriptions",
			"stream_id");

	private static final String PYWORKFLOW_CITUS_SOURCE = "pyworkflow/storage/citus.py";

	private static final Pattern PYWORKFLOW_DISTRIBUTED = Pattern
		.compile("create_distributed_table\\('(\\w+)', '(\\w+)'\\)");

	private static final Pattern PYWORKFLOW_REFERENCE = Pattern.compile("create_reference_table\\('(\\w+)'\\)");

	private static final String PARTITIONS = """
			SELECT logicalrelid::text AS name, partmethod, repmodel, colocationid,
				CASE WHEN partmethod = 'h' THEN column_to_column_name(logicalrelid, partkey) END AS column_name
			FROM pg_dist_partition""";

	record Partition(String name, String partmethod, String repmodel, int colocationid, String columnName) {
	}

	private static DataSource migratedDatabase() {
		return CitusClusters.newMigratedDatabase("distribution");
	}

	// One file of the tarball, as tar prints it: whatever folder the tarball puts pyworkflow in.
	private static String readFromTarball(Path tarball, String file) throws IOException, InterruptedException {
		Process tar = new ProcessBuilder("tar", "-xzOf", tarball.toString(), "--wildcards", "*/" + file).start();
		String text = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(tar.exitValue()).as("tar's exit value reading %s from %s", file, tarball).isZero();
		return text;
	}

	private static Map<String, Partition> partitions(JdbcClient jdbc) {
		return jdbc.sql(PARTITIONS)
			.query(Partition.class)
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Partition::name, (partition) -> partition));
	}

	@Test
	void everyTableIsDistributedOnItsColumnAndRunTablesShareOneColocationGroup() {
		JdbcClient jdbc = JdbcClient.create(migratedDatabase());
		Map<String, Partition> partitions = partitions(jdbc);
		Partition runs = partitions.get("workflow_runs");
		for (String table : RUN_TABLES) {
			assertThat(partitions.get(table)).as(table).satisfies((partition) -> {
				assertThat(partition.partmethod()).isEqualTo("h");
				assertThat(partition.columnName()).isEqualTo("run_id");
				assertThat(partition.colocationid()).isEqualTo(runs.colocationid());
			});
		}
		assertThat(partitions.get("schedules")).satisfies((partition) -> {
			assertThat(partition.partmethod()).isEqualTo("h");
			assertThat(partition.columnName()).isEqualTo("schedule_id");
			assertThat(partition.colocationid()).isNotEqualTo(runs.colocationid());
		});
		assertThat(partitions.get("workflow_idempotency_keys").columnName()).isEqualTo("idempotency_key");
		assertThat(partitions.get("hook_tokens").columnName()).isEqualTo("token");
		assertThat(partitions.get("schema_versions")).satisfies((partition) -> {
			assertThat(partition.partmethod()).isEqualTo("n");
			assertThat(partition.repmodel()).isEqualTo("t");
		});
		assertThat(jdbc.sql("SELECT version FROM schema_versions ORDER BY version").query(Integer.class).list())
			.containsExactly(1, 2, 3, 4, 5, 6, 7);
		assertThat(partitions.keySet()).as("the tables the health check requires distributed")
			.containsExactlyInAnyOrderElementsOf(CitusMetadata.TABLES);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_dist_node WHERE noderole = 'primary' AND groupid > 0")
			.query(Integer.class)
			.single()).isEqualTo(CitusClusters.get().workerCount());
	}

	@Test
	void streamTablesAreDistributedAsPyworkflowDistributesThem() {
		Map<String, Partition> partitions = partitions(JdbcClient.create(migratedDatabase()));
		STREAM_TABLES.forEach((table, column) -> assertThat(partitions.get(table)).as(table).satisfies((partition) -> {
			if (column.equals("n")) {
				assertThat(partition.partmethod()).isEqualTo("n");
				assertThat(partition.repmodel()).isEqualTo("t");
			}
			else {
				assertThat(partition.partmethod()).isEqualTo("h");
				assertThat(partition.columnName()).isEqualTo(column);
			}
		}));
		// Neither is co-located with the runs, nor with each other: no statement joins them.
		assertThat(List.of(partitions.get("workflow_runs"), partitions.get("signals"),
				partitions.get("stream_subscriptions")))
			.extracting(Partition::colocationid)
			.doesNotHaveDuplicates();
	}

	/**
	 * The expectations above are read from pyworkflow 45fbe4c's own {@code _distribute_tables},
	 * from its source tarball, when the tarball is there.
	 */
	@Test
	void pyworkflowsOwnCitusBackendDistributesTheStreamTablesSo() throws IOException, InterruptedException {
		Path tarball = Path.of(System.getProperty("pyworkflow.sources", "../../shared/pyworkflow"),
				"pyworkflow-45fbe4c.tar.gz");
		assumeTrue(Files.isRegularFile(tarball), () -> "pyworkflow's tarball is not at " + tarball.toAbsolutePath());
		String source = readFromTarball(tarball, PYWORKFLOW_CITUS_SOURCE);
		String distributeTables = source.substring(source.indexOf("async def _distribute_tables"));
		Map<String, String> pyworkflows = new HashMap<>();
		PYWORKFLOW_DISTRIBUTED.matcher(distributeTables)
			.results()
			.forEach((call) -> pyworkflows.put(call.group(1), call.group(2)));
		PYWORKFLOW_REFERENCE.matcher(distributeTables).results().forEach((call) -> pyworkflows.put(call.group(1), "n"));
		assertThat(pyworkflows).containsAllEntriesOf(STREAM_TABLES);
	}

	@Test
	void runScopedReadsExecuteAsOneShardTask() {
		StatementRecordingDataSource dataSource = new StatementRecordingDataSource(migratedDatabase());
		WorkflowStorage storage = new CitusWorkflowStorage(dataSource);
		WorkflowRun run = TestData.run(Instant.now()).build();
		storage.createRun(run);
		storage.recordEvent(TestData.event(run.runId(), "workflow.started", Instant.now(), "{}"));
		JdbcClient jdbc = JdbcClient.create(dataSource.getTargetDataSource());
		List<Consumer<WorkflowStorage>> reads = List.of((s) -> s.getEvents(run.runId()),
				(s) -> s.getLatestEvent(run.runId(), null), (s) -> s.listSteps(run.runId()),
				(s) -> s.getRun(run.runId()), (s) -> s.checkCancellationFlag(run.runId()));
		for (Consumer<WorkflowStorage> read : reads) {
			dataSource.clear();
			read.accept(storage);
			String sql = dataSource.statements().get(0);
			String plan = String.join("\n", jdbc.sql("EXPLAIN " + sql).param(run.runId()).query(String.class).list());
			assertThat(plan).as(sql).contains("Task Count: 1");
		}
	}

	@Test
	void migratingTwiceChangesNothing() {
		DataSource dataSource = migratedDatabase();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		int applied = jdbc.sql("SELECT COUNT(*) FROM " + SchemaMigrator.CHANGELOG_TABLE).query(Integer.class).single();
		new CitusSchemaMigrator(dataSource).migrate();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM " + SchemaMigrator.CHANGELOG_TABLE).query(Integer.class).single())
			.isEqualTo(applied);
		assertThat(new CitusMetadata(dataSource).undistributedTables()).isEmpty();
	}

	@Test
	void tablesDistributedByHandAreAdopted() {
		DataSource dataSource = CitusClusters.get().newDatabase("by_hand");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		jdbc.sql("""
				CREATE TABLE workflow_runs (run_id TEXT NOT NULL PRIMARY KEY, workflow_name TEXT NOT NULL,
					status TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,
					started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, input_args TEXT NOT NULL DEFAULT '[]',
					input_kwargs TEXT NOT NULL DEFAULT '{}', result TEXT, error TEXT, idempotency_key TEXT,
					max_duration TEXT, metadata TEXT DEFAULT '{}', recovery_attempts INTEGER DEFAULT 0,
					max_recovery_attempts INTEGER DEFAULT 3, recover_on_worker_loss BOOLEAN DEFAULT TRUE,
					parent_run_id TEXT, nesting_depth INTEGER DEFAULT 0, continued_from_run_id TEXT,
					continued_to_run_id TEXT)""").update();
		jdbc.sql("SELECT create_distributed_table('workflow_runs', 'run_id')").query().singleValue();
		jdbc.sql("""
				CREATE TABLE events (event_id TEXT NOT NULL, run_id TEXT NOT NULL, sequence INTEGER NOT NULL,
					type TEXT NOT NULL, timestamp TIMESTAMPTZ NOT NULL, data TEXT NOT NULL DEFAULT '{}',
					step_id TEXT, PRIMARY KEY (run_id, event_id))""").update();
		jdbc.sql("SELECT create_distributed_table('events', 'run_id', colocate_with => 'workflow_runs')")
			.query()
			.singleValue();
		new CitusSchemaMigrator(dataSource).migrate();
		assertThat(new CitusMetadata(dataSource).undistributedTables()).isEmpty();
		WorkflowStorage storage = new CitusWorkflowStorage(dataSource);
		WorkflowRun run = TestData.run(Instant.now()).build();
		storage.createRun(run);
		assertThat(storage.recordEvent(TestData.event(run.runId(), "workflow.started", Instant.now(), "{}")))
			.isZero();
	}

}
