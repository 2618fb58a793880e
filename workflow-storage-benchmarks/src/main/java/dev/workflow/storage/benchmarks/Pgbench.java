package dev.workflow.storage.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.workflow.storage.citus.testing.ServerAddress;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's own load generator: one client sending a script's statements as prepared
 * statements ({@code -M prepared}) for as long as JMH measures, reporting its rate every second.
 */
final class Pgbench {

	private static final Pattern PROGRESS = Pattern.compile("^progress: ([0-9.]+) s, ([0-9.]+) tps", Pattern.MULTILINE);

	private final Path executable;

	private Pgbench(Path executable) {
		this.executable = executable;
	}

	/**
	 * Finds pgbench: the {@code pgbench} system property, then Debian's installations (newest
	 * first, where the local Citus comes from too), then {@code PATH}.
	 * @return pgbench, or {@code null} (with a line printed) when there is none
	 */
	static @Nullable Pgbench find() {
		List<Path> candidates = new ArrayList<>();
		if (System.getProperty("pgbench") != null) {
			candidates.add(Path.of(System.getProperty("pgbench")));
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				versions.sorted(Comparator.reverseOrder()).forEach((version) -> candidates.add(version.resolve("bin/pgbench")));
			}
			catch (IOException ex) {
				// Nothing to offer from there.
			}
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!dir.isBlank()) {
				candidates.add(Path.of(dir, "pgbench"));
			}
		}
		for (Path candidate : candidates) {
			if (Files.isExecutable(candidate)) {
				return new Pgbench(candidate);
			}
		}
		System.out.println("Floors of pgbench skipped: no pgbench (tried -Dpgbench, /usr/lib/postgresql/*/bin, PATH)");
		return null;
	}

	/**
	 * Runs {@code script} with one client for {@code warmups + iterations} seconds.
	 * @param address the database
	 * @param script the script
	 * @param variables the values of its variables ({@code -D})
	 * @param warmups the seconds whose rate is not counted (as JMH's warm-up iterations)
	 * @param iterations the seconds measured
	 * @return the median of the measured seconds' transactions per second
	 * @throws IllegalStateException with pgbench's output when it fails
	 */
	double medianPerSecond(ServerAddress address, String script, Map<String, String> variables, int warmups,
			int iterations) throws IOException, InterruptedException {
		Path file = Files.createTempFile("floor-", ".pgbench");
		try {
			Files.writeString(file, script);
			List<String> command = new ArrayList<>(List.of(this.executable.toString(), "-h", address.host(), "-p",
					String.valueOf(address.port()), "-U", address.user(), "-n", "-M", "prepared", "-c", "1", "-T",
					String.valueOf(warmups + iterations), "-P", "1", "-f", file.toString()));
			variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
			command.add(address.database());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			address.passwordInto(builder.environment());
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(warmups + iterations + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IllegalStateException("pgbench failed:\n" + output.strip() + "\nscript:\n" + script);
			}
			List<Double> measured = new ArrayList<>();
			Matcher progress = PROGRESS.matcher(output);
			while (progress.find()) {
				if (Double.parseDouble(progress.group(1)) > warmups + 0.5) {
					measured.add(Double.parseDouble(progress.group(2)));
				}
			}
			if (measured.isEmpty()) {
				throw new IllegalStateException("pgbench reported no progress after the warm-up:\n" + output.strip());
			}
			return Floors.median(measured);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	@Override
	public String toString() {
		return this.executable.toString();
	}

}
