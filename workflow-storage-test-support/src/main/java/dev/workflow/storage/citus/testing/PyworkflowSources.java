package dev.workflow.storage.citus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * What running pyworkflow's own Python code needs, for the compatibility suite and the
 * benchmarks' floor: a Python that can import asyncpg (and loguru, for pyworkflow 45fbe4c), and
 * pyworkflow's sources unpacked from their tarball (one per pyworkflow commit, each unpacked into
 * a folder of its own).
 */
public final class PyworkflowSources {

	private PyworkflowSources() {
	}

	/**
	 * The Pythons tried, in order: {@code PYWORKFLOW_PYTHON}, then Debian's, then the first on
	 * the path.
	 * @return the candidates
	 */
	public static List<String> pythonCandidates() {
		Set<String> candidates = new LinkedHashSet<>();
		String explicit = System.getenv("PYWORKFLOW_PYTHON");
		if (explicit != null && !explicit.isBlank()) {
			candidates.add(explicit);
		}
		// why: the python3 first on PATH may be a pyenv one without asyncpg; Debian's has it.
		candidates.add("/usr/bin/python3");
		candidates.add("python3");
		return new ArrayList<>(candidates);
	}

	/**
	 * The first of {@link #pythonCandidates()} that can import asyncpg.
	 * @return its command, or {@code null} if none can
	 */
	public static @Nullable String findPython() {
		return findPython(List.of("asyncpg"));
	}

	/**
	 * The first of {@link #pythonCandidates()} that can import every module named: asyncpg, and
	 * loguru for pyworkflow 45fbe4c's storage modules.
	 * @param modules the modules
	 * @return its command, or {@code null} if none can
	 */
	public static @Nullable String findPython(List<String> modules) {
		String imports = "import " + String.join(", ", modules);
		for (String candidate : pythonCandidates()) {
			try {
				Process process = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
				process.getInputStream().readAllBytes();
				if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
					return candidate;
				}
			}
			catch (IOException ex) {
				// Not installed: try the next one.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	/**
	 * The source tarball of one pyworkflow commit in a folder of them, named as the shared folder
	 * names them: {@code pyworkflow-<commit>.tar.gz}.
	 * @param folder the folder holding the tarballs
	 * @param commit the commit's short hash, such as {@code 45fbe4c}
	 * @return the tarball's path, which may not exist
	 */
	public static Path tarball(Path folder, String commit) {
		return folder.resolve("pyworkflow-" + commit + ".tar.gz");
	}

	/**
	 * Unpacks pyworkflow's tarball into a fresh {@code workDir}, so a changed tarball is never
	 * shadowed by an old unpacked copy.
	 * @param tarball pyworkflow's source tarball
	 * @param workDir the folder to unpack into, emptied first
	 * @return the unpacked folder holding the {@code pyworkflow} package
	 */
	public static Path unpack(Path tarball, Path workDir) {
		try {
			if (Files.exists(workDir)) {
				try (Stream<Path> paths = Files.walk(workDir)) {
					for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(path);
					}
				}
			}
			Files.createDirectories(workDir);
			Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", workDir.toString())
				.redirectErrorStream(true)
				.start();
			String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
				throw new IllegalStateException("Could not unpack " + tarball + ": " + output);
			}
			try (Stream<Path> children = Files.list(workDir)) {
				return children.filter((dir) -> Files.isRegularFile(dir.resolve("pyworkflow/storage/postgres.py")))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException(tarball + " holds no pyworkflow/storage/postgres.py"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack " + tarball, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted unpacking " + tarball, ex);
		}
	}

}
