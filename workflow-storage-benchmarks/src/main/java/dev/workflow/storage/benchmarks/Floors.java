package dev.workflow.storage.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.ServerAddress;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.openjdk.jmh.results.RunResult;

/**
 * What the server itself allows one client, measured in the same run as our benchmarks, so the
 * load of the machine at the time is in both: pgbench sending the very append statement our
 * {@code recordEvent} sends, on Citus pgbench inserting one {@code workflow_runs} row to one shard
 * (the cheapest write Citus routes), and pyworkflow's Python appends and stream operations, which
 * our library replaces. Each takes one client on a fresh migrated database of the server the
 * backend's own benchmarks run on (a server of this JVM, of the same build and configuration as
 * JMH's forks' ones), and is measured only when the benchmark it is compared with ran there.
 */
final class Floors {

	private static final String SINGLE_SHARD_INSERT = """
			\\set id random(1, 9000000000000000)
			INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at)
			VALUES (:id, 'w', 'pending', now(), now());
			""";

	private static final String RECORD_EVENT = "EventBenchmarks.recordEvent";

	/**
	 * One floor's rate.
	 *
	 * @param floor what was run
	 * @param backend the backend whose server it ran on
	 * @param perSecond the median rate
	 * @param timesSlower whether ours is compared as a multiple (a client we replace) rather than
	 * a fraction (the server's own limit)
	 * @param ours the benchmark of ours it is compared with, {@code Class.method}
	 */
	record Floor(String floor, String backend, double perSecond, boolean timesSlower, String ours) {

	}

	private Floors() {
	}

	/**
	 * Measures every floor that can run here for the selected backends, printing a line for each
	 * one skipped.
	 * @param backends the selected backends; floors are taken for {@code postgres} and {@code citus}
	 * @param warmups seconds of warm-up, as JMH's warm-up iterations
	 * @param iterations seconds measured, as JMH's measurement iterations
	 * @param results the benchmarks' results: a floor is measured only where its benchmark ran
	 * @return the floors measured
	 */
	static List<Floor> measure(List<String> backends, int warmups, int iterations, Collection<RunResult> results)
			throws Exception {
		List<Floor> floors = new ArrayList<>();
		List<String> servers = new ArrayList<>(List.of("postgres", "citus"));
		servers.retainAll(backends);
		if (servers.isEmpty()) {
			return floors;
		}
		boolean appends = servers.stream().anyMatch((backend) -> ours(results, RECORD_EVENT, backend).isPresent());
		boolean streams = servers.stream()
			.anyMatch((backend) -> PyworkflowStreamFloor.OPERATIONS.keySet()
				.stream()
				.anyMatch((benchmark) -> ours(results, benchmark, backend).isPresent()));
		Pgbench pgbench = appends ? Pgbench.find() : null;
		PyworkflowFloor pyworkflow = appends ? PyworkflowFloor.find() : null;
		PyworkflowStreamFloor pyworkflowStreams = streams ? PyworkflowStreamFloor.find() : null;
		for (String backend : servers) {
			boolean citus = backend.equals("citus");
			Function<DataSource, WorkflowStorage> storageFactory = citus ? CitusWorkflowStorage::new
					: PostgresWorkflowStorage::new;
			DataSource database = citus ? MigratedDatabases.citus("floors") : MigratedDatabases.postgres("floors");
			ServerAddress address = ServerAddress.of(database);
			try {
				boolean recordEventRan = ours(results, RECORD_EVENT, backend).isPresent();
				if (pgbench != null && recordEventRan) {
					measure(floors, "pgbench -M prepared -c 1: the append statement our recordEvent sends", backend,
							false, RECORD_EVENT, () -> {
								AppendStatement append = AppendStatement.record(database, storageFactory);
								System.out.println("  script:\n    " + append.pgbenchScript().strip().replace("\n", "\n    ")
										+ "\n  with -D " + append.pgbenchVariables());
								double perSecond = pgbench.medianPerSecond(address, append.pgbenchScript(),
										append.pgbenchVariables(), warmups, iterations);
								System.out.println("  the run's log afterwards: sequences 0.." + (append.checkLog(database) - 1)
										+ ", each once");
								return perSecond;
							});
				}
				if (pgbench != null && citus && recordEventRan) {
					measure(floors, "pgbench -M prepared -c 1: single-shard INSERT ... VALUES of one workflow_runs row",
							backend, false, RECORD_EVENT, () -> pgbench.medianPerSecond(address, SINGLE_SHARD_INSERT, Map.of(),
									warmups, iterations));
				}
				if (pyworkflow != null && recordEventRan) {
					measure(floors, "pyworkflow's Python record_event (asyncpg, 1 task)", backend, true, RECORD_EVENT, () -> {
						WorkflowRun run = Fixtures.newRun();
						storageFactory.apply(database).createRun(run);
						return pyworkflow.medianAppendsPerSecond(address, backend, run.runId(), iterations);
					});
				}
				if (pyworkflowStreams != null) {
					measureStreams(floors, pyworkflowStreams, database, backend, iterations, results);
				}
			}
			finally {
				if (database instanceof HikariDataSource pool) {
					pool.close();
				}
			}
		}
		return floors;
	}

	@FunctionalInterface
	private interface Measurement {

		double perSecond() throws Exception;

	}

	// A floor that fails is reported and left out: the benchmarks' results stand without it.
	private static void measure(List<Floor> floors, String floor, String backend, boolean timesSlower, String ours,
			Measurement measurement) {
		System.out.println("Floor on " + backend + ": " + floor + "...");
		try {
			Floor measured = new Floor(floor, backend, measurement.perSecond(), timesSlower, ours);
			System.out.printf(Locale.ROOT, "  %,.0f per second%n", measured.perSecond());
			floors.add(measured);
		}
		catch (Exception ex) {
			System.out.println("  failed, left out: " + ex.getMessage());
		}
	}

	// pyworkflow's stream operations of the benchmarks that ran, in one Python process.
	private static void measureStreams(List<Floor> floors, PyworkflowStreamFloor pyworkflow, DataSource database,
			String backend, int iterations, Collection<RunResult> results) {
		Map<String, String> benchmarks = new LinkedHashMap<>();
		PyworkflowStreamFloor.OPERATIONS.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter((entry) -> ours(results, entry.getKey(), backend).isPresent())
			.forEach((entry) -> benchmarks.put(entry.getValue(), entry.getKey()));
		if (benchmarks.isEmpty()) {
			return;
		}
		System.out.println("Floors on " + backend + ": pyworkflow's Python " + String.join(", ", benchmarks.keySet())
				+ " (asyncpg, 1 task)...");
		try {
			Map<String, Double> rates = pyworkflow.medianPerSecond(database, backend, List.copyOf(benchmarks.keySet()),
					iterations);
			rates.forEach((operation, perSecond) -> {
				System.out.printf(Locale.ROOT, "  %s: %,.0f per second%n", operation, perSecond);
				floors.add(new Floor("pyworkflow's Python " + operation + " (asyncpg, 1 task)", backend, perSecond, true,
						benchmarks.get(operation)));
			});
		}
		catch (Exception ex) {
			System.out.println("  failed, left out: " + ex.getMessage());
		}
	}

	/**
	 * The floors as a markdown section, each against the benchmark of ours it stands for, of the
	 * same run when it was measured.
	 * @param floors the floors
	 * @param results the benchmarks' results
	 * @param iterations the seconds each floor was measured
	 * @return the section, empty without floors
	 */
	static String table(List<Floor> floors, Collection<RunResult> results, int iterations) {
		if (floors.isEmpty()) {
			return "";
		}
		StringBuilder table = new StringBuilder("\n## Floors\n\n")
			.append("One client each, measured in this run after the benchmarks, on a fresh database of the backend's ")
			.append("server; median of ").append(iterations).append(" one-second samples (pgbench after its warm-up ")
			.append("seconds, pyworkflow's appends in runs of about a second each after one to find its rate, ")
			.append("its stream operations in one-second runs after a second of warm-up). ")
			.append("Ours is the benchmark named (1 client) of the table above: a fraction of the server's floors, ")
			.append("a multiple of pyworkflow's.\n\n")
			.append("| floor | backend | per second | ours | ours ops/s | ours / floor |\n")
			.append("|---|---|---|---|---|---|\n");
		for (Floor floor : floors) {
			Optional<Double> ours = ours(results, floor.ours(), floor.backend());
			table.append("| ").append(floor.floor()).append(" | ").append(floor.backend()).append(" | ")
				.append(String.format(Locale.ROOT, "%,.0f", floor.perSecond())).append(" | ")
				.append(floor.ours().replaceFirst(".*\\.", "")).append(" | ")
				.append(ours.map((rate) -> String.format(Locale.ROOT, "%,.0f", rate)).orElse("not run")).append(" | ")
				.append(ours.map((rate) -> String.format(Locale.ROOT, floor.timesSlower() ? "%.1fx" : "%.2f",
						rate / floor.perSecond())).orElse(""))
				.append(" |\n");
		}
		return table.toString();
	}

	// The median of a benchmark (Class.method) of ours on a backend, if it ran there.
	private static Optional<Double> ours(Collection<RunResult> results, String benchmark, String backend) {
		String name = Floors.class.getPackageName() + "." + benchmark;
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().equals(name)
					&& backend.equals(result.getParams().getParam("backend")))
			.map((result) -> result.getPrimaryResult().getStatistics().getPercentile(50))
			.findFirst();
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
