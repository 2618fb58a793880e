package dev.workflow.storage.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.workflow.storage.citus.testing.PyworkflowSources;
import dev.workflow.storage.citus.testing.ServerAddress;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * pyworkflow 45fbe4c's own Python stream operations ({@code publish_signal}, {@code get_signals},
 * {@code save_checkpoint}, {@code load_checkpoint}; asyncpg, one task), the code our stream
 * operations replace, timed by this module's script from pyworkflow's sources unpacked into
 * {@code target/}. Paths are those of a run from the repository's root, like
 * {@link BenchmarkMain}'s output.
 */
final class PyworkflowStreamFloor {

	/**
	 * pyworkflow's operation timed against each of our benchmarks, by benchmark name.
	 */
	static final Map<String, String> OPERATIONS = Map.of("SignalBenchmarks.publishSignal", "publish_signal",
			"SignalBenchmarks.getSignals", "get_signals", "CheckpointBenchmarks.saveCheckpoint", "save_checkpoint",
			"CheckpointBenchmarks.loadCheckpoint", "load_checkpoint");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CHECK_STREAM_RUN = """
			SELECT count(*) AS signals, count(DISTINCT sequence) AS sequences, COALESCE(max(sequence), -1) AS highest
			FROM signals WHERE stream_run_id = ?""";

	// Python has no JIT to warm: one second warms the server's caches and the connection.
	private static final int WARMUP_SECONDS = 1;

	private final String python;

	private final Path home;

	private final Path script;

	private PyworkflowStreamFloor(String python, Path home, Path script) {
		this.python = python;
		this.home = home;
		this.script = script;
	}

	/**
	 * Finds Python with asyncpg, pyworkflow 45fbe4c's tarball and the script, and unpacks the
	 * tarball.
	 * @return the floor, or {@code null} (with a line printed) when one of them is missing
	 */
	static @Nullable PyworkflowStreamFloor find() {
		Path tarball = Path.of(System.getProperty("pyworkflow.streams.source",
				"../shared/pyworkflow/pyworkflow-45fbe4c.tar.gz")).toAbsolutePath().normalize();
		Path script = Path.of(System.getProperty("pyworkflow.streams.script",
				"workflow-storage-benchmarks/src/main/python/pyworkflow_stream_floor.py")).toAbsolutePath().normalize();
		String python = PyworkflowSources.findPython();
		String missing = !Files.isRegularFile(tarball)
				? "pyworkflow 45fbe4c's sources not found at " + tarball + " (set -Dpyworkflow.streams.source)"
				: !Files.isRegularFile(script) ? "the script not found at " + script + " (set -Dpyworkflow.streams.script)"
				: (python == null) ? "no Python that can import asyncpg (tried " + String.join(", ", PyworkflowSources.pythonCandidates())
						+ "; set PYWORKFLOW_PYTHON)" : null;
		if (missing != null) {
			System.out.println("Floors of pyworkflow's stream operations skipped: " + missing);
			return null;
		}
		Path workDir = Path.of("workflow-storage-benchmarks", "target", "pyworkflow-45fbe4c").toAbsolutePath();
		return new PyworkflowStreamFloor(python, PyworkflowSources.unpack(tarball, workDir), script);
	}

	/**
	 * Times pyworkflow's operations on {@code database}, one after the other, each after a second
	 * of warm-up, then checks that its publishes numbered their stream run 0..n-1.
	 * @param database the database, migrated by our library
	 * @param backend {@code postgres} or {@code citus}, pyworkflow's backend of the same name
	 * @param operations pyworkflow's operations to time, of {@link #OPERATIONS}
	 * @param samples how many one-second samples of each
	 * @return the median of each operation's samples, per second, by operation
	 */
	Map<String, Double> medianPerSecond(DataSource database, String backend, List<String> operations, int samples)
			throws IOException, InterruptedException {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("backend", backend);
		arguments.put("dsn", ServerAddress.of(database).dsn());
		arguments.put("prefix", Fixtures.id("py"));
		arguments.put("streams", SignalBenchmarks.STREAMS);
		arguments.put("signal_type", Fixtures.SIGNAL_TYPE);
		arguments.put("payload", JSON.readTree(Fixtures.SIGNAL_PAYLOAD));
		arguments.put("checkpoint_data", JSON.readTree(Fixtures.CHECKPOINT_DATA));
		arguments.put("read_signals", 100);
		arguments.put("warmup_seconds", WARMUP_SECONDS);
		arguments.put("samples", samples);
		arguments.put("operations", operations);
		JsonNode result = run(arguments);
		Map<String, Double> medians = new LinkedHashMap<>();
		for (String operation : operations) {
			List<Double> rates = new ArrayList<>();
			result.get("rates").get(operation).forEach((rate) -> rates.add(rate.asDouble()));
			medians.put(operation, Floors.median(rates));
		}
		if (operations.contains("publish_signal")) {
			checkPublished(database, result.get("stream_run_id").asString(), result.get("published").asLong());
		}
		return medians;
	}

	// pyworkflow takes no lock, but with one task none is needed: its publishes did the work.
	private static void checkPublished(DataSource database, String streamRunId, long published) {
		Map<String, Object> run = JdbcClient.create(database).sql(CHECK_STREAM_RUN).param(streamRunId).query().singleRow();
		if (((Number) run.get("signals")).longValue() != published
				|| ((Number) run.get("sequences")).longValue() != published
				|| ((Number) run.get("highest")).longValue() != published - 1) {
			throw new IllegalStateException("pyworkflow published " + published + " signals to stream run " + streamRunId
					+ ", which holds " + run);
		}
		System.out.println("  pyworkflow's stream run afterwards: " + published + " signals, sequences 0.."
				+ (published - 1) + ", each once");
	}

	private JsonNode run(Object arguments) throws IOException, InterruptedException {
		Path stderr = Files.createTempFile("pyworkflow-streams-", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(this.python, this.script.toString()).redirectError(stderr.toFile());
			builder.environment().put("PYWORKFLOW_HOME", this.home.toString());
			Process process = builder.start();
			process.getOutputStream().write(JSON.writeValueAsBytes(arguments));
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("pyworkflow's stream floor failed:\n" + Files.readString(stderr).strip());
			}
			return JSON.readTree(output);
		}
		finally {
			Files.deleteIfExists(stderr);
		}
	}

}
