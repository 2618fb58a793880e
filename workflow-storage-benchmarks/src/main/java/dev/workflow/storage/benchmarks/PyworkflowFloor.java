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

import dev.workflow.storage.citus.testing.PyworkflowSources;
import dev.workflow.storage.citus.testing.ServerAddress;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * pyworkflow's own Python {@code record_event} (asyncpg), the code our library replaces, run
 * through the pyworkflow compatibility suite's driver ({@code append}, one task) from the
 * pyworkflow sources unpacked into {@code target/}, as that suite does. Paths are those of a run
 * from the repository's root, like {@link BenchmarkMain}'s output; the suite's environment
 * variables and system properties override them.
 */
final class PyworkflowFloor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int CALIBRATION_APPENDS = 200;

	private final String python;

	private final Path home;

	private final Path driver;

	private PyworkflowFloor(String python, Path home, Path driver) {
		this.python = python;
		this.home = home;
		this.driver = driver;
	}

	/**
	 * Finds Python with asyncpg, pyworkflow's tarball and the driver, and unpacks the tarball.
	 * @return the floor, or {@code null} (with a line printed) when one of them is missing
	 */
	static @Nullable PyworkflowFloor find() throws IOException, InterruptedException {
		Path tarball = Path.of(setting("PYWORKFLOW_SOURCE", "pyworkflow.source",
				"../shared/pyworkflow/pyworkflow-2aed3e2.tar.gz")).toAbsolutePath().normalize();
		Path driver = Path.of(setting(null, "pyworkflow.driver",
				"workflow-storage-citus/src/test/python/pyworkflow_driver.py")).toAbsolutePath().normalize();
		String python = PyworkflowSources.findPython();
		String missing = !Files.isRegularFile(tarball) ? "pyworkflow's sources not found at " + tarball
				+ " (set PYWORKFLOW_SOURCE)"
				: !Files.isRegularFile(driver) ? "the driver not found at " + driver + " (set -Dpyworkflow.driver)"
				: (python == null) ? "no Python that can import asyncpg (tried " + String.join(", ", PyworkflowSources.pythonCandidates())
						+ "; set PYWORKFLOW_PYTHON)" : null;
		if (missing != null) {
			System.out.println("Floor of pyworkflow skipped: " + missing);
			return null;
		}
		Path workDir = Path.of(setting(null, "pyworkflow.workdir", "workflow-storage-benchmarks/target/pyworkflow"))
			.toAbsolutePath();
		return new PyworkflowFloor(python, PyworkflowSources.unpack(tarball, workDir), driver);
	}

	/**
	 * Appends with pyworkflow to an existing run: a first run of the driver finds the rate (and
	 * warms the server), then {@code iterations} runs each sized for about one second.
	 * @param address the database, migrated by our library
	 * @param backend {@code postgres} or {@code citus}, pyworkflow's backend of the same name
	 * @param runId the run
	 * @param iterations how many runs are measured
	 * @return the median of the runs' appends per second, timed by the driver without its start
	 * and connect
	 */
	double medianAppendsPerSecond(ServerAddress address, String backend, String runId, int iterations)
			throws IOException, InterruptedException {
		double rate = appendsPerSecond(address, backend, runId, "py-calibration", CALIBRATION_APPENDS);
		List<Double> rates = new ArrayList<>();
		for (int i = 0; i < iterations; i++) {
			rates.add(appendsPerSecond(address, backend, runId, "py-" + i, (int) Math.max(50, Math.round(rate))));
		}
		return Floors.median(rates);
	}

	private double appendsPerSecond(ServerAddress address, String backend, String runId, String prefix, int appends)
			throws IOException, InterruptedException {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("backend", backend);
		arguments.put("dsn", address.dsn());
		arguments.put("tasks", 1);
		arguments.put("events_per_task", appends);
		arguments.put("run_id", runId);
		arguments.put("event_prefix", prefix);
		arguments.put("start_at", System.currentTimeMillis() / 1000.0);
		JsonNode result = run("append", arguments);
		int written = result.get("written").size();
		if (written != appends) {
			throw new IllegalStateException("pyworkflow wrote " + written + " of " + appends + " events: "
					+ result.get("failure_messages"));
		}
		return written / result.get("elapsed_seconds").asDouble();
	}

	private JsonNode run(String command, Object arguments) throws IOException, InterruptedException {
		Path stderr = Files.createTempFile("pyworkflow-", ".err");
		try {
			ProcessBuilder builder = new ProcessBuilder(this.python, this.driver.toString(), command)
				.redirectError(stderr.toFile());
			builder.environment().put("PYWORKFLOW_HOME", this.home.toString());
			Process process = builder.start();
			process.getOutputStream().write(JSON.writeValueAsBytes(arguments));
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("pyworkflow driver '" + command + "' failed:\n"
						+ Files.readString(stderr).strip());
			}
			return JSON.readTree(output);
		}
		finally {
			Files.deleteIfExists(stderr);
		}
	}

	private static String setting(@Nullable String environment, String property, String fallback) {
		String fromEnvironment = (environment != null) ? System.getenv(environment) : null;
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		return System.getProperty(property, fallback);
	}

}
