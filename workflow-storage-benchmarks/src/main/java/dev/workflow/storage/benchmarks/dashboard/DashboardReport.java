package dev.workflow.storage.benchmarks.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dashboard benchmark's figures as markdown, each beside its goal.
 */
final class DashboardReport {

	/**
	 * The runs page's median server time goal, in milliseconds, by backend.
	 */
	static final double RUNS_PAGE_GOAL_POSTGRES = 50;

	static final double RUNS_PAGE_GOAL_CITUS = 100;

	static final double RUNS_PAGE_OVER_CALL_GOAL = 2;

	static final double RUN_PAGE_GOAL = 500;

	private final String backend;

	private final String serverVersion;

	private final DashboardData.Loaded loaded;

	private final List<Measured> runsPages;

	private final List<Measured> runPages;

	private final List<StatementCheck> statements;

	private final LivePages.Result live;

	DashboardReport(String backend, String serverVersion, DashboardData.Loaded loaded, List<Measured> runsPages,
			List<Measured> runPages, List<StatementCheck> statements, LivePages.Result live) {
		this.backend = backend;
		this.serverVersion = serverVersion;
		this.loaded = loaded;
		this.runsPages = runsPages;
		this.runPages = runPages;
		this.statements = statements;
		this.live = live;
	}

	String markdown() {
		double runsGoal = this.backend.equals("citus") ? RUNS_PAGE_GOAL_CITUS : RUNS_PAGE_GOAL_POSTGRES;
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "# Dashboard benchmark, %s, %s%n%n", this.backend,
				Instant.now().truncatedTo(ChronoUnit.SECONDS)));
		out.append("Machine: ").append(machine()).append("  \nServer: ").append(this.serverVersion).append("  \n");
		out.append(String.format(Locale.ROOT,
				"Data: %,d runs (+ 2 runs of %,d events, + %d live runs of %d events), loaded in %.1f s.%n%n",
				this.loaded.runs(), this.loaded.events(), this.loaded.liveRunIds().size(), DashboardData.LIVE_RUN_EVENTS,
				this.loaded.took().toMillis() / 1000.0));
		out.append("Times in ms, median / p90 / p99. Server: the application's filter, first in its chain. "
				+ "Client: sending to the whole answer read, on localhost. Storage call: the same storage call as a "
				+ "request of its own, timed by the same filter; call only: inside its handler.\n\n");

		out.append(String.format(Locale.ROOT, "## Runs page (%,d runs, 50 a page)%n%n", this.loaded.runs()));
		out.append("| page | samples | page server | page client | storage call, server | call only | page/call (medians) "
				+ "| page bytes | goal: median <= " + (int) runsGoal + " ms, page <= 2x call |\n");
		out.append("|---|---|---|---|---|---|---|---|---|\n");
		for (Measured measured : this.runsPages) {
			boolean fast = measured.pageServer().medianMillis() <= runsGoal;
			boolean close = measured.ratio() <= RUNS_PAGE_OVER_CALL_GOAL;
			out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.2f | %,d | %s |%n",
					measured.scenario().name(), measured.pageServer().count(), measured.pageServer().summary(),
					measured.pageClient().summary(), measured.callServer().summary(), measured.callOnly().summary(),
					measured.ratio(), measured.bytes(), verdict(fast, "time") + ", " + verdict(close, "ratio")));
		}

		out.append(String.format(Locale.ROOT, "%n## Run page (%,d events)%n%n", this.loaded.events()));
		out.append("| page | samples | page server | page client | storage call (getEvents), server | call only | page bytes "
				+ "| goal: <= 500 ms |\n");
		out.append("|---|---|---|---|---|---|---|---|\n");
		for (Measured measured : this.runPages) {
			boolean fast = measured.pageServer().medianMillis() <= RUN_PAGE_GOAL;
			out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %,d | %s |%n",
					measured.scenario().name(), measured.pageServer().count(), measured.pageServer().summary(),
					measured.pageClient().summary(),
					(measured.callServer() != null) ? measured.callServer().summary() : "-",
					(measured.callOnly() != null) ? measured.callOnly().summary() : "-", measured.bytes(),
					verdict(fast, "median")));
		}

		LivePages.Result result = this.live;
		out.append(String.format(Locale.ROOT, "%n## Live updates: %d open run pages polling every %.1f s%n%n",
				result.pages(), result.interval().toMillis() / 1000.0));
		out.append("| measured window | polls | polls/s | application CPU | cores (CPU / wall) | GC | idle before (cores) "
				+ "| poll server | poll client | events written / stored / on the page at opening / received by polls | sent twice | duplicate event ids | gaps | pages behind at the end "
				+ "| goal: < 1 core |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		out.append(String.format(Locale.ROOT,
				"| %.1f s | %d | %.1f | %.2f s | %.3f | %d ms | %.3f | %s | %s | %d / %d / %d / %d | %d | %d | %d | %d | %s |%n",
				result.window().toMillis() / 1000.0, result.polls(), result.polls() * 1e9 / result.window().toNanos(),
				result.cpu().toMillis() / 1000.0, result.cores(), result.gcMillis(), result.idleCores(),
				result.server().summary(), result.client().summary(), result.eventsWritten(), result.eventsStored(),
				result.eventsAtOpen(), result.eventsReceived(), result.receivedTwice(), result.duplicateIds(),
				result.gaps(), result.behind(), verdict(result.cores() < 1, "cores")));

		out.append("\n## Statements per page (recorded in the application by StatementRecordingDataSource)\n\n");
		out.append("| page | statements | heavy columns selected | heavy columns in the condition only |\n");
		out.append("|---|---|---|---|\n");
		for (StatementCheck check : this.statements) {
			String selected = check.selected().isEmpty() ? "none" : String.join(", ", check.selected());
			if (!check.selected().isEmpty() && check.page().startsWith("/workflows/run/poll")) {
				selected += " (the run's whole row, by getRun; the poll shows none of them)";
			}
			else if (!check.selected().isEmpty() && check.page().startsWith("/workflows/run?")) {
				selected += " (the run's own row: the page shows them)";
			}
			out.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s |%n", check.page(), check.statements().size(),
					selected,
					check.inCondition().isEmpty() ? "none" : String.join(", ", check.inCondition())));
		}
		out.append("\nThe runs pages' statements:\n\n```sql\n");
		out.append(this.statements.stream()
			.filter((check) -> check.page().startsWith("/workflows/runs"))
			.map((check) -> "-- " + check.page() + "\n" + String.join(";\n", check.statements()) + ";")
			.collect(Collectors.joining("\n\n")));
		out.append("\n```\n");
		return out.toString();
	}

	private static String verdict(boolean met, String what) {
		return (met ? "met" : "**missed**") + " (" + what + ")";
	}

	private static String machine() {
		String cpu = "unknown CPU";
		String memory = "";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.replaceFirst(".*:\\s*", ""))
				.orElse(cpu);
			memory = Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal"))
				.findFirst()
				.map((line) -> ", " + Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GB")
				.orElse("");
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: the CPU stays unknown.
		}
		return String.format(Locale.ROOT, "%d cores (%s)%s, Java %s", Runtime.getRuntime().availableProcessors(), cpu,
				memory, System.getProperty("java.version"));
	}

}
