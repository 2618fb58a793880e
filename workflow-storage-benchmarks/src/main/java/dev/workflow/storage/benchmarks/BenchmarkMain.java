package dev.workflow.storage.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.CitusServer;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark on every backend available here (Citus only where it is installed),
 * counts round trips, and writes a markdown table with medians, 99.9% error bars and the ratios
 * to plain JDBC to {@code target/benchmark-results.md}.
 *
 * <p>
 * System properties: {@code warmups} and {@code iterations} (default 10 and 5, each one second;
 * fewer warm-ups leave the JIT compiling into the measurement on two cores),
 * {@code include} (a regular expression of benchmarks, default all), {@code backends} (a comma list,
 * default all available), {@code floors} ({@code false} skips the floors).
 *
 * <p>
 * After the benchmarks, for {@code postgres} and {@code citus} when selected, it measures
 * {@link Floors}: what one client of the server itself reaches for the same time (pgbench
 * running the statement our {@code recordEvent} sends; on Citus also pgbench's single-shard
 * {@code INSERT ... VALUES}; pyworkflow's Python appends, and pyworkflow 45fbe4c's Python
 * {@code publish_signal}, {@code get_signals}, {@code save_checkpoint} and {@code load_checkpoint},
 * where Python with asyncpg and pyworkflow's sources are found), each against the benchmark of
 * ours it stands for, of the same run; a floor whose benchmark did not run is not measured. A
 * floor whose tool is missing is skipped with a line saying so. Run it from the repository's root.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		boolean citus = CitusServer.localCitusInstalled();
		List<String> backends = new ArrayList<>(List.of("memory", "postgres", "postgres-jdbc"));
		if (citus) {
			backends.addAll(List.of("citus", "citus-jdbc"));
		}
		else {
			System.out.println("Citus not installed here: " + CitusServer.unavailableReason());
		}
		if (System.getProperty("backends") != null) {
			backends.retainAll(List.of(System.getProperty("backends").split(",")));
		}
		Map<String, Map<String, Double>> roundTrips = new LinkedHashMap<>();
		roundTrips.put("postgres",
				RoundTrips.count(MigratedDatabases.postgres("round_trips"), PostgresWorkflowStorage::new));
		if (citus) {
			roundTrips.put("citus", RoundTrips.count(MigratedDatabases.citus("round_trips"), CitusWorkflowStorage::new));
		}
		System.out.println("Statements per operation: " + roundTrips);

		int warmups = Integer.getInteger("warmups", 10);
		int iterations = Integer.getInteger("iterations", 5);
		ChainedOptionsBuilder options = new OptionsBuilder()
			.include(System.getProperty("include", BenchmarkMain.class.getPackageName() + "\\..*Benchmarks\\..*"))
			.param("backend", backends.toArray(new String[0]))
			.forks(1)
			.warmupIterations(warmups)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(iterations)
			.measurementTime(TimeValue.seconds(1))
			.jvmArgsAppend("-Xmx2g", "-Djava.util.logging.config.file=/dev/null")
			.addProfiler(GCProfiler.class)
			.shouldFailOnError(false);
		Collection<RunResult> results = new Runner(options.build()).run();
		List<Floors.Floor> floors = Boolean.parseBoolean(System.getProperty("floors", "true"))
				? Floors.measure(backends, warmups, iterations, results) : List.of();
		String table = table(results, backends, roundTrips) + Floors.table(floors, results, iterations);
		Path out = Path.of("workflow-storage-benchmarks", "target", "benchmark-results.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written to " + out.toAbsolutePath());
	}

	private static String table(Collection<RunResult> results, List<String> backends,
			Map<String, Map<String, Double>> roundTrips) throws IOException {
		Map<String, Map<String, RunResult>> byOperation = new LinkedHashMap<>();
		for (RunResult result : results) {
			String method = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
			String runs = result.getParams().getParam("runs");
			String operation = (runs != null) ? method + " (" + runs + " runs)" : method;
			byOperation.computeIfAbsent(operation, (key) -> new LinkedHashMap<>())
				.put(result.getParams().getParam("backend"), result);
		}
		StringBuilder table = new StringBuilder();
		table.append("| operation | backend | library ops/s (median ± 99.9% error) | plain JDBC ops/s | library/plain | "
				+ "alloc B/op library / plain | statements/op |\n");
		table.append("|---|---|---|---|---|---|---|\n");
		byOperation.forEach((operation, byBackend) -> {
			for (String backend : List.of("memory", "postgres", "citus")) {
				RunResult library = byBackend.get(backend);
				if (library == null || !backends.contains(backend)) {
					continue;
				}
				RunResult plain = byBackend.get(backend + "-jdbc");
				String statements = Optional.ofNullable(roundTrips.get(backend))
					.map((counts) -> counts.get(operation.replaceFirst(" .*", "").replace("1000", "")
						.replaceFirst("8Threads.*", "")))
					.map((count) -> String.format(Locale.ROOT, "%.2f", count))
					.orElse("");
				table.append("| ").append(operation).append(" | ").append(backend).append(" | ")
					.append(score(library)).append(" | ")
					.append((plain != null) ? score(plain) : "n/a").append(" | ")
					.append((plain != null) ? String.format(Locale.ROOT, "%.2f", median(library) / median(plain)) : "")
					.append(" | ").append(allocation(library))
					.append((plain != null) ? " / " + allocation(plain) : "").append(" | ")
					.append(statements).append(" |\n");
			}
		});
		return table.toString();
	}

	private static double median(RunResult result) {
		return result.getPrimaryResult().getStatistics().getPercentile(50);
	}

	private static String score(RunResult result) {
		Result<?> primary = result.getPrimaryResult();
		return String.format(Locale.ROOT, "%,.0f ± %,.0f", median(result), primary.getScoreError());
	}

	private static String allocation(RunResult result) {
		Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
		return (alloc != null) ? String.format(Locale.ROOT, "%,.0f", alloc.getScore()) : "";
	}

}
