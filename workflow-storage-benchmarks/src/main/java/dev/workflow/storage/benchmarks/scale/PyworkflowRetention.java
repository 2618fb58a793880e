package dev.workflow.storage.benchmarks.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.workflow.storage.citus.testing.PyworkflowSources;
import dev.workflow.storage.citus.testing.ServerAddress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * pyworkflow 45fbe4c's own Python {@code delete_old_runs} (one transaction, asyncpg), timed by
 * this module's script from pyworkflow's sources unpacked into {@code target/}. Paths are those of
 * a run from the repository's root.
 */
final class PyworkflowRetention {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
		.withZone(ZoneOffset.UTC);

	// pyworkflow's default is 60 s a statement; the pass is timed to its end, and the statements
	// over 60 s are reported.
	private static final int COMMAND_TIMEOUT_SECONDS = 7200;

	/**
	 * What pyworkflow's pass did.
	 *
	 * @param deleted what {@code delete_old_runs} returned (runs deleted)
	 * @param seconds its wall time, {@code connect()} left out
	 * @param statements each statement's start and seconds, in order
	 */
	record Pass(long deleted, double seconds, Map<String, Double> statements) {

	}

	private final String python;

	private final Path home;

	private final Path script;

	private PyworkflowRetention(String python, Path home, Path script) {
		this.python = python;
		this.home = home;
		this.script = script;
	}

	/**
	 * Finds Python with asyncpg and loguru, pyworkflow 45fbe4c's tarball and the script, and
	 * unpacks the tarball.
	 * @return pyworkflow's retention
	 * @throws IllegalStateException saying what is missing
	 */
	static PyworkflowRetention find() {
		Path tarball = Path.of(System.getProperty("pyworkflow.source", "../shared/pyworkflow/pyworkflow-45fbe4c.tar.gz"))
			.toAbsolutePath()
			.normalize();
		Path script = Path.of(System.getProperty("pyworkflow.retention.script",
				"workflow-storage-benchmarks/src/main/python/pyworkflow_delete_old_runs.py")).toAbsolutePath().normalize();
		String python = PyworkflowSources.findPython(List.of("asyncpg", "loguru"));
		if (!Files.isRegularFile(tarball) || !Files.isRegularFile(script) || python == null) {
			throw new IllegalStateException("pyworkflow's retention cannot run: tarball " + tarball + ", script " + script
					+ ", Python with asyncpg and loguru " + python);
		}
		Path workDir = Path.of("workflow-storage-benchmarks", "target", "pyworkflow-45fbe4c").toAbsolutePath();
		return new PyworkflowRetention(python, PyworkflowSources.unpack(tarball, workDir), script);
	}

	/**
	 * Runs pyworkflow's pass once.
	 * @param database the database
	 * @param backend {@code postgres} or {@code citus}
	 * @param olderThan the cutoff
	 * @return what it did
	 */
	Pass deleteOldRuns(DataSource database, String backend, Instant olderThan) throws IOException, InterruptedException {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("backend", backend);
		arguments.put("dsn", ServerAddress.of(database).dsn());
		arguments.put("older_than", ISO.format(olderThan));
		arguments.put("command_timeout", COMMAND_TIMEOUT_SECONDS);
		Path stderr = Files.createTempFile("pyworkflow-retention-", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(this.python, this.script.toString()).redirectError(stderr.toFile());
			builder.environment().put("PYWORKFLOW_HOME", this.home.toString());
			Process process = builder.start();
			process.getOutputStream().write(JSON.writeValueAsBytes(arguments));
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("pyworkflow's delete_old_runs failed:\n" + Files.readString(stderr).strip());
			}
			JsonNode result = JSON.readTree(output);
			Map<String, Double> statements = new LinkedHashMap<>();
			List<JsonNode> timed = new ArrayList<>();
			result.get("statements").forEach(timed::add);
			for (JsonNode statement : timed) {
				statements.merge(statement.get("statement").asString(), statement.get("seconds").asDouble(), Double::sum);
			}
			return new Pass(result.get("deleted").asLong(), result.get("seconds").asDouble(), statements);
		}
		finally {
			Files.deleteIfExists(stderr);
		}
	}

}
