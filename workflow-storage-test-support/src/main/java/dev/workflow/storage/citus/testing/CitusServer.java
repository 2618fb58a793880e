package dev.workflow.storage.citus.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.testcontainers.DockerClientFactory;

/**
 * Finds the Citus the tests and benchmarks can use, once per JVM: a PostgreSQL installation whose
 * Citus extension is present (found through {@code pg_config}, started as a local coordinator
 * with two workers), else Docker for a {@code citusdata/citus} container (where Testcontainers is
 * on the class path), else none, with the reason. Its databases have no schema: the caller
 * migrates, since this module knows none of ours.
 */
public final class CitusServer {

	private static CitusCluster cluster;

	private static String unavailableReason;

	private static boolean looked;

	private CitusServer() {
	}

	/**
	 * The cluster, started on first use.
	 * @return the cluster, or {@code null} when none can be had (see {@link #unavailableReason()})
	 */
	public static synchronized CitusCluster get() {
		if (!looked) {
			looked = true;
			Path pgConfig = findPgConfigWithCitus();
			if (pgConfig != null) {
				cluster = LocalCitusCluster.start(pgConfig, 2);
			}
			else if (dockerAvailable()) {
				cluster = ContainerCitusCluster.start();
			}
			else {
				unavailableReason = "Citus tests skipped: no PostgreSQL with the Citus extension found through "
						+ "pg_config (PG_CONFIG, PATH, /usr/lib/postgresql/*/bin) and no Docker engine for the "
						+ "citusdata/citus Testcontainers image";
			}
		}
		return cluster;
	}

	/**
	 * A new database of the cluster, with the Citus extension and the workers registered.
	 * @param prefix the start of the database's name
	 * @return a pooled data source on the coordinator
	 * @throws IllegalStateException saying why when no cluster can be had
	 */
	public static DataSource newDatabase(String prefix) {
		CitusCluster available = get();
		if (available == null) {
			throw new IllegalStateException(unavailableReason());
		}
		return available.newDatabase(prefix);
	}

	/**
	 * Whether a local Citus installation can be found, without starting anything.
	 * @return {@code true} if {@code pg_config} leads to a Citus extension
	 */
	public static boolean localCitusInstalled() {
		return findPgConfigWithCitus() != null;
	}

	/**
	 * A local cluster of its own, for a test that stops and starts its nodes without disturbing
	 * the shared one.
	 * @param workers how many workers
	 * @return the started cluster, to {@link LocalCitusCluster#close() close} when done
	 * @throws IllegalStateException when no local Citus is installed
	 */
	public static LocalCitusCluster startLocal(int workers) {
		Path pgConfig = findPgConfigWithCitus();
		if (pgConfig == null) {
			throw new IllegalStateException("No local PostgreSQL with the Citus extension found through pg_config");
		}
		return LocalCitusCluster.start(pgConfig, workers);
	}

	public static synchronized String unavailableReason() {
		get();
		return unavailableReason;
	}

	private static boolean dockerAvailable() {
		// why LinkageError: Testcontainers is an optional dependency of this module.
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	static Path findPgConfigWithCitus() {
		for (Path candidate : pgConfigCandidates()) {
			if (Files.isExecutable(candidate)) {
				String libDir = pgConfig(candidate, "--pkglibdir");
				if (libDir != null && Files.exists(Path.of(libDir, "citus.so"))) {
					return candidate;
				}
			}
		}
		return null;
	}

	private static List<Path> pgConfigCandidates() {
		List<Path> candidates = new java.util.ArrayList<>();
		String explicit = System.getenv("PG_CONFIG");
		if (explicit != null && !explicit.isBlank()) {
			candidates.add(Path.of(explicit));
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (!dir.isBlank()) {
				candidates.add(Path.of(dir, "pg_config"));
			}
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (var versions = Files.list(debian)) {
				versions.sorted(java.util.Comparator.reverseOrder())
					.forEach((version) -> candidates.add(version.resolve("bin/pg_config")));
			}
			catch (IOException ex) {
				// No Debian installation to offer.
			}
		}
		return candidates;
	}

	static String pgConfig(Path pgConfig, String option) {
		try {
			Process process = new ProcessBuilder(pgConfig.toString(), option).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes()).trim();
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
