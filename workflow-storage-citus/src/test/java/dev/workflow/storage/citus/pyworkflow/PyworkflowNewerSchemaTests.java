package dev.workflow.storage.citus.pyworkflow;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that a newer pyworkflow has moved on: schema versions 3 to 7 and tables this
 * library does not know. We adopt it as it is, downgrade nothing, and say so once in the log.
 */
@EnabledIfPyworkflow
class PyworkflowNewerSchemaTests {

	// Tables of later pyworkflow versions (see the README next to pyworkflow's tarball).
	private static final List<String> NEWER_TABLES = List.of("""
			CREATE TABLE streams (stream_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)""", """
			CREATE TABLE signals (signal_id TEXT PRIMARY KEY, run_id TEXT NOT NULL, name TEXT NOT NULL, payload TEXT)""", """
			CREATE TABLE checkpoints (run_id TEXT NOT NULL, checkpoint INTEGER NOT NULL, state TEXT,
				PRIMARY KEY (run_id, checkpoint))""");

	private static final List<String> NEWER_ROWS = List.of(
			"INSERT INTO streams VALUES ('stream-1', 'run-newer', now()), ('stream-2', 'run-newer', now())",
			"INSERT INTO signals VALUES ('signal-1', 'run-newer', 'approve', '{\"by\": \"ops\"}')",
			"INSERT INTO checkpoints VALUES ('run-newer', 1, '{}'), ('run-newer', 2, '{\"step\": 3}')");

	@ParameterizedTest(name = "{0} / pyworkflow first with data / newer pyworkflow schema (versions 3 to 7, unknown tables)")
	@EnumSource(Backend.class)
	void newerSchemaIsAdoptedAsItIs(Backend backend) {
		try (SharedDatabase database = backend.newDatabase("pyw_newer")) {
			database.pyworkflowConnect();
			PyworkflowOps.applyOk(database, PyworkflowOps.createRun("run-newer"));
			JdbcClient jdbc = database.jdbc();
			for (int version = 3; version <= 7; version++) {
				jdbc.sql("INSERT INTO schema_versions (version, applied_at, description) VALUES (?, now(), ?)")
					.params(version, "Added by a newer pyworkflow, version " + version)
					.update();
			}
			NEWER_TABLES.forEach((sql) -> jdbc.sql(sql).update());
			NEWER_ROWS.forEach((sql) -> jdbc.sql(sql).update());
			List<Map<String, Object>> versionsBefore = schemaVersions(jdbc);
			TableSnapshot before = TableSnapshot.of(jdbc);

			List<String> logLines;
			try (CapturedLogs logs = CapturedLogs.ofStorage()) {
				database.migrate();
				logLines = logs.lines();
			}
			database.validate();

			before.assertNothingDeletedOrRewritten(jdbc);
			assertThat(schemaVersions(jdbc)).as("schema_versions after our migrate and validate")
				.isEqualTo(versionsBefore);
			assertThat(before.rowCount("streams") + before.rowCount("signals") + before.rowCount("checkpoints"))
				.isEqualTo(5);
			assertThat(logLines.stream().filter(PyworkflowNewerSchemaTests::namesNewerVersions))
				.as("log lines naming the newer schema versions, among %s", logLines)
				.hasSize(1);
		}
	}

	private static boolean namesNewerVersions(String line) {
		String lower = line.toLowerCase(Locale.ROOT);
		return line.contains("7") && (lower.contains("version") || lower.contains("schema"));
	}

	private static List<Map<String, Object>> schemaVersions(JdbcClient jdbc) {
		return jdbc.sql("SELECT version, applied_at, description FROM schema_versions ORDER BY version")
			.query()
			.listOfRows();
	}

}
