package dev.workflow.storage.benchmarks.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusSchemaMigrator;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.CitusServer;
import dev.workflow.storage.dashboard.DashboardSettings;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.PostgresServer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dashboard's server times at scale (issue 20): the runs page over 10^5 runs beside the
 * {@code listRunSummaries} call it makes, a run page of 10^4 events, the statements the runs page
 * sends (no heavy column), and what 20 open pages of running runs cost the application while they
 * poll.
 *
 * <p>
 * The application is the real one: {@link DashboardApplication}, a Spring Boot application on
 * Tomcat with the dashboard auto-configured, in a JVM of its own on a random port, over a fresh
 * database of the embedded PostgreSQL server or of the local Citus cluster that this JVM loads
 * ({@link DashboardData}). Server time is what {@link ServerTimings}' filter, first in the
 * application's chain, measures of each request; the client's time on localhost is reported
 * beside it. Requests are sent one at a time (the live phase aside), after a warm-up of every
 * kind.
 *
 * <p>
 * Run from the repository's root after {@code ./mvnw -B -o -q -DskipTests package -pl
 * workflow-storage-benchmarks -am}: {@code java -Dbackend=postgres -cp
 * workflow-storage-benchmarks/target/benchmarks.jar
 * dev.workflow.storage.benchmarks.dashboard.DashboardBenchmark} ({@code -Dbackend=citus} for the
 * local Citus cluster). Other properties: {@code runs} (default 100,000), {@code events} (10,000),
 * {@code samples} per runs-page kind (200), {@code runPageSamples} (40), {@code intervalMillis}
 * (the dashboard's default polling interval), {@code liveSeconds} (30), {@code phases} ({@code live}
 * skips the timed pages). Writes
 * {@code workflow-storage-benchmarks/target/dashboard-benchmark-<backend>.md}.
 */
public final class DashboardBenchmark {

	private static final String RUNS = "/workflows/runs";

	private static final String SUMMARIES = BenchRoutes.PATH + "/summaries";

	private DashboardBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		String backend = System.getProperty("backend", "postgres");
		int runs = Integer.getInteger("runs", 100_000);
		int events = Integer.getInteger("events", 10_000);
		int samples = Integer.getInteger("samples", 200);
		int runPageSamples = Integer.getInteger("runPageSamples", 40);
		Duration interval = Duration
			.ofMillis(Long.getLong("intervalMillis", DashboardSettings.DEFAULT_REFRESH_INTERVAL.toMillis()));
		Duration liveWindow = Duration.ofSeconds(Long.getLong("liveSeconds", 30));
		// "live" alone skips the timed pages (the statements and the live pages always run).
		List<String> phases = List.of(System.getProperty("phases", "pages,live").split(","));
		Path target = Path.of("workflow-storage-benchmarks", "target");

		HikariDataSource database = database(backend);
		WorkflowStorage storage = backend.equals("citus") ? new CitusWorkflowStorage(database)
				: new PostgresWorkflowStorage(database);
		System.out.printf(Locale.ROOT, "Loading %,d runs and two runs of %,d events on %s...%n", runs, events, backend);
		DashboardData.Loaded loaded = DashboardData.load(database, storage, runs, events);
		System.out.printf(Locale.ROOT, "Loaded in %.1f s%n", loaded.took().toMillis() / 1000.0);
		String serverVersion = JdbcClient.create(database).sql("SELECT version()").query(String.class).single();

		List<Scenario> runsPages = runsPages(loaded);
		List<Scenario> runPages = runPages(loaded);
		DashboardReport report;
		try (ApplicationProcess application = ApplicationProcess.start(backend, database, interval,
				target.resolve("dashboard-application-" + backend + ".log"))) {
			System.out.println("Application started, pid " + application.pid() + "; warming up");
			List<Scenario> all = new ArrayList<>(runsPages);
			all.addAll(runPages);
			List<Measured> runsMeasured = List.of();
			List<Measured> runMeasured = List.of();
			if (phases.contains("pages")) {
				warmUp(application, runsPages, 100);
				warmUp(application, runPages, 15);
				runsMeasured = measure(application, runsPages, samples);
				runMeasured = measure(application, runPages, runPageSamples);
			}
			List<StatementCheck> statements = new ArrayList<>();
			for (Scenario scenario : all) {
				statements.add(statements(application, scenario.page()));
			}
			System.out.println("Live pages...");
			LivePages.Result live = new LivePages(application, storage, loaded.liveRunIds(), interval)
				.measure(Duration.ofSeconds(10), liveWindow);
			report = new DashboardReport(backend, serverVersion, loaded, runsMeasured, runMeasured, statements, live);
		}
		Path out = target.resolve("dashboard-benchmark-" + backend + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report.markdown());
		System.out.println();
		System.out.println(report.markdown());
		System.out.println("Written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private static HikariDataSource database(String backend) {
		if (backend.equals("citus")) {
			HikariDataSource database = (HikariDataSource) CitusServer.newDatabase("dashboard_bench");
			new CitusSchemaMigrator(database).migrate();
			return database;
		}
		if (!backend.equals("postgres")) {
			throw new IllegalArgumentException("backend must be postgres or citus, not " + backend);
		}
		HikariDataSource database = PostgresServer.newDatabase("dashboard_bench");
		new SchemaMigrator(database).migrate();
		return database;
	}

	static List<Scenario> runsPages(DashboardData.Loaded loaded) {
		String cursor = "cursor=" + loaded.deepCursor();
		String workflow = "workflow=" + DashboardData.LESS_COMMON_WORKFLOW;
		String text = "query=" + DashboardData.RARE_TEXT;
		return List.of(new Scenario("runs: first page", RUNS, SUMMARIES),
				new Scenario("runs: status=failed", RUNS + "?status=failed", SUMMARIES + "?status=failed"),
				new Scenario(String.format(Locale.ROOT, "runs: page %,d runs down (cursor)", loaded.runs() / 2),
						RUNS + "?" + cursor, SUMMARIES + "?" + cursor),
				new Scenario("runs: workflow=" + DashboardData.LESS_COMMON_WORKFLOW + " (9% of runs)", RUNS + "?" + workflow,
						SUMMARIES + "?" + workflow),
				new Scenario("runs: free text " + DashboardData.RARE_TEXT + " (1 run in 5,000)", RUNS + "?" + text,
						SUMMARIES + "?" + text),
				new Scenario("runs: rows only (the list's live update)", RUNS + "/rows", SUMMARIES));
	}

	static List<Scenario> runPages(DashboardData.Loaded loaded) {
		String withSteps = DashboardData.BIG_RUN_WITH_STEPS;
		String eventsOnly = DashboardData.BIG_RUN_EVENTS_ONLY;
		int steps = (loaded.events() - 2) / 2;
		int last = loaded.events() - 1;
		String events = String.format(Locale.ROOT, "%,d events", loaded.events());
		String stepsText = String.format(Locale.ROOT, "%,d steps", steps);
		return List.of(
				new Scenario("run: " + events + " + " + stepsText + ", first timeline page", "/workflows/run?id=" + withSteps,
						BenchRoutes.PATH + "/events?id=" + withSteps),
				new Scenario("run: " + events + " + " + stepsText + ", last timeline page",
						"/workflows/run?id=" + withSteps + "&from=" + (loaded.events() - 500),
						BenchRoutes.PATH + "/events?id=" + withSteps),
				new Scenario("run: " + events + ", no steps, first timeline page", "/workflows/run?id=" + eventsOnly,
						BenchRoutes.PATH + "/events?id=" + eventsOnly),
				new Scenario("run: " + events + ", no steps, last timeline page",
						"/workflows/run?id=" + eventsOnly + "&from=" + (loaded.events() - 500),
						BenchRoutes.PATH + "/events?id=" + eventsOnly),
				new Scenario("poll of that run: nothing new", "/workflows/run/poll?id=" + eventsOnly + "&after=" + last, null),
				new Scenario("poll of that run: 10 new events",
						"/workflows/run/poll?id=" + eventsOnly + "&after=" + (last - 10),
						BenchRoutes.PATH + "/events?id=" + eventsOnly));
	}

	private static void warmUp(ApplicationProcess application, List<Scenario> scenarios, int rounds) {
		for (int round = 0; round < rounds; round++) {
			for (Scenario scenario : scenarios) {
				application.get(null, scenario.page());
				if (scenario.call() != null) {
					application.get(null, scenario.call());
				}
			}
		}
	}

	// Page and call alternate, so both see the same state of the machine.
	private static List<Measured> measure(ApplicationProcess application, List<Scenario> scenarios, int samples) {
		List<Measured> measured = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			List<Long> client = new ArrayList<>();
			int bytes = 0;
			for (int sample = 0; sample < samples; sample++) {
				ApplicationProcess.Answer answer = application.get(scenario.name(), scenario.page());
				client.add(answer.clientNanos());
				bytes = answer.body().getBytes(StandardCharsets.UTF_8).length;
				if (scenario.call() != null) {
					application.get(scenario.callLabel(), scenario.call());
				}
			}
			Samples pageServer = new Samples(application.serverNanos(scenario.name()));
			Samples callServer = (scenario.call() != null) ? new Samples(application.serverNanos(scenario.callLabel()))
					: null;
			Samples callOnly = (scenario.call() != null)
					? new Samples(application.serverNanos(scenario.callLabel() + BenchRoutes.CALL_ONLY)) : null;
			Measured result = new Measured(scenario, pageServer, new Samples(client), callServer, callOnly, bytes);
			System.out.printf(Locale.ROOT, "%-60s page %s ms, call %s ms%n", scenario.name(), pageServer.summary(),
					(callServer != null) ? callServer.summary() : "-");
			measured.add(result);
		}
		return measured;
	}

	private static StatementCheck statements(ApplicationProcess application, String page) {
		application.get(null, BenchRoutes.PATH + "/record?on=true");
		application.get(null, page);
		return StatementCheck.of(page, application.get(null, BenchRoutes.PATH + "/record?on=false").body());
	}

}
