package dev.workflow.storage.citus.pyworkflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.workflow.storage.citus.testing.PyworkflowSources;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code src/test/python/pyworkflow_driver.py} with one pyworkflow version's real storage
 * code, unpacked from its tarball into a folder of its own under {@code target/} once per JVM, as
 * a subprocess of a Python that can import asyncpg and loguru. Arguments go to the driver as JSON
 * on stdin, its result comes back as JSON on stdout.
 */
final class PyworkflowDriver {

	static final JsonMapper JSON = JsonMapper.builder().build();

	// why: Python's json.dumps writes a float beyond double's range (as json.loads reads
	// 1e999999) as Infinity, which strict JSON does not have.
	private static final JsonMapper OUTPUT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	// What pyworkflow's storage modules import beyond the standard library (loguru from 45fbe4c on).
	private static final List<String> PYTHON_MODULES = List.of("asyncpg", "loguru");

	private static final Map<PyworkflowVersion, PyworkflowDriver> instances = new EnumMap<>(PyworkflowVersion.class);

	private static String unavailableReason;

	private static boolean looked;

	private final String python;

	private final Path home;

	private final Path script;

	private final Path workDir;

	private PyworkflowDriver(String python, Path home, Path script, Path workDir) {
		this.python = python;
		this.home = home;
		this.script = script;
		this.workDir = workDir;
	}

	/**
	 * The driver of one pyworkflow version; every version's is set up on first use.
	 * @param version the version
	 * @return the driver, or {@code null} when the Python modules or a version's sources are
	 * missing (see {@link #unavailableReason()})
	 * @throws AssertionError when both are there but the driver cannot import a version's pyworkflow
	 */
	static synchronized PyworkflowDriver get(PyworkflowVersion version) {
		lookOnce();
		return instances.get(version);
	}

	/**
	 * Why the drivers are not available.
	 * @return the reason, or {@code null} when every version's driver is
	 */
	static synchronized String unavailableReason() {
		lookOnce();
		return unavailableReason;
	}

	private static void lookOnce() {
		if (looked) {
			return;
		}
		looked = true;
		Path sources = sourcesFolder();
		List<String> missing = new ArrayList<>();
		for (PyworkflowVersion version : PyworkflowVersion.values()) {
			Path tarball = PyworkflowSources.tarball(sources, version.commit());
			if (!Files.isRegularFile(tarball)) {
				missing.add(tarball.toString());
			}
		}
		String python = PyworkflowSources.findPython(PYTHON_MODULES);
		if (!missing.isEmpty()) {
			unavailableReason = "pyworkflow's sources not found: " + String.join(", ", missing)
					+ " (set PYWORKFLOW_SOURCES to the folder holding pyworkflow-<commit>.tar.gz)";
			return;
		}
		if (python == null) {
			unavailableReason = "no Python that can import " + String.join(" and ", PYTHON_MODULES) + " (tried "
					+ String.join(", ", PyworkflowSources.pythonCandidates()) + "; set PYWORKFLOW_PYTHON)";
			return;
		}
		Path workRoot = Path.of(System.getProperty("pyworkflow.workdir", "target/pyworkflow")).toAbsolutePath();
		Path script = Path.of(System.getProperty("pyworkflow.driver", "src/test/python/pyworkflow_driver.py"))
			.toAbsolutePath();
		for (PyworkflowVersion version : PyworkflowVersion.values()) {
			Path workDir = workRoot.resolve(version.commit());
			PyworkflowDriver driver = new PyworkflowDriver(python,
					PyworkflowSources.unpack(PyworkflowSources.tarball(sources, version.commit()), workDir), script,
					workDir);
			driver.run("probe", Map.of());
			instances.put(version, driver);
		}
	}

	/**
	 * Runs a driver command and waits for it.
	 * @param command the subcommand
	 * @param arguments its arguments, turned into JSON
	 * @return the JSON it printed
	 * @throws AssertionError with the driver's stderr when it fails or times out
	 */
	JsonNode run(String command, Object arguments) {
		return start(command, arguments).await();
	}

	/**
	 * Starts a driver command without waiting, to run alongside Java code.
	 * @param command the subcommand
	 * @param arguments its arguments, turned into JSON
	 * @return the running command
	 */
	Running start(String command, Object arguments) {
		try {
			Path stdout = Files.createTempFile(this.workDir, command + "-", ".out");
			Path stderr = Files.createTempFile(this.workDir, command + "-", ".err");
			ProcessBuilder builder = new ProcessBuilder(this.python, this.script.toString(), command)
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			builder.environment().put("PYWORKFLOW_HOME", this.home.toString());
			Process process = builder.start();
			process.getOutputStream().write(JSON.writeValueAsBytes(arguments));
			process.getOutputStream().close();
			return new Running(command, process, stdout, stderr);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the pyworkflow driver", ex);
		}
	}

	/**
	 * A driver command that was started.
	 */
	static final class Running {

		private final String command;

		private final Process process;

		private final Path stdout;

		private final Path stderr;

		private Running(String command, Process process, Path stdout, Path stderr) {
			this.command = command;
			this.process = process;
			this.stdout = stdout;
			this.stderr = stderr;
		}

		JsonNode await() {
			try {
				if (!this.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
					throw new AssertionError("pyworkflow driver '" + this.command + "' timed out after " + TIMEOUT
							+ "; stderr:\n" + read(this.stderr));
				}
				if (this.process.exitValue() != 0) {
					throw new AssertionError("pyworkflow driver '" + this.command + "' failed with exit code "
							+ this.process.exitValue() + "; stderr:\n" + read(this.stderr));
				}
				return OUTPUT.readTree(read(this.stdout));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
				throw new AssertionError("Interrupted waiting for pyworkflow driver '" + this.command + "'", ex);
			}
			finally {
				delete(this.stdout);
				delete(this.stderr);
			}
		}

	}

	private static Path sourcesFolder() {
		String explicit = System.getenv("PYWORKFLOW_SOURCES");
		String location = (explicit != null && !explicit.isBlank()) ? explicit
				: System.getProperty("pyworkflow.sources", "../../shared/pyworkflow");
		return Path.of(location).toAbsolutePath().normalize();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// A scratch file under target/.
		}
	}

}
