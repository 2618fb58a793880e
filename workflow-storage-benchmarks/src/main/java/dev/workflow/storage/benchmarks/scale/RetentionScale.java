package dev.workflow.storage.benchmarks.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.benchmarks.scale.ScaleData.Kind;
import dev.workflow.storage.benchmarks.scale.ScaleData.Run;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention at scale (issue 19) on one backend: at each size, a database loaded by
 * {@link ScaleLoader}, the hot operations timed on it ({@link HotOperations}), then our
 * {@code deleteOldRuns} against pyworkflow 45fbe4c's own {@code delete_old_runs} on a copy of the
 * same data; at the largest size also a larger batch, the plans of the pass's statements
 * ({@link RetentionPlans}), and 8 appenders on live runs without and then during our pass
 * ({@link LiveAppenders}), with every kept run checked row by row afterwards
 * ({@link LiveRunCheck}). A copy is {@code CREATE DATABASE ... TEMPLATE} on PostgreSQL and a
 * second load with the same seed on Citus.
 *
 * <p>
 * Run from the repository's root: {@code java -Xmx4g -cp
 * workflow-storage-benchmarks/target/benchmarks.jar
 * dev.workflow.storage.benchmarks.scale.RetentionScale}, system properties {@code backend}
 * ({@code postgres} or {@code citus}, default postgres), {@code sizes} (default
 * 10000,100000,1000000), {@code seed} (19), {@code largerBatch} (5000; 0 skips it), {@code warmups} (3
 * seconds), {@code samples} (10 one-second samples), {@code hotOnly} ({@code true}: load and time
 * the hot operations only), {@code hot} ({@code false}: skip the hot operations),
 * {@code baselineSeconds} (how long the appenders run without retention; default 0, as long as
 * our pass took alone) and {@code lock} (a file to {@code flock}, such as
 * {@code /tmp/ws-maven.lock}, held phase by phase and let go a moment between the phases, so that
 * no one else waits for a whole run; default none, for a run wrapped in {@code flock} as a whole). The report goes to
 * {@code workflow-storage-benchmarks/target/retention-scale-<backend>.md}.
 */
public final class RetentionScale {

	private static final int APPENDERS = 8;

	private static final int RUNS_PER_APPENDER = 50;

	private static final String COUNT = "SELECT count(*) FROM ";

	private static final String LOADED_EVENTS = "SELECT count(*) FROM events WHERE left(event_id, 4) = 'evt_'";

	private final String backend;

	private final boolean citus;

	private final long seed;

	private final int largerBatch;

	private final HotOperationsFactory hotOperations;

	private final PyworkflowRetention pyworkflow;

	private final StringBuilder report = new StringBuilder();

	private final Function<DataSource, WorkflowStorage> storageFactory;

	private final boolean hotOnly = Boolean.getBoolean("hotOnly");

	private final boolean hot = Boolean.parseBoolean(System.getProperty("hot", "true"));

	// 0: the appenders' baseline runs for as long as our pass took alone.
	private final int baselineSeconds = Integer.getInteger("baselineSeconds", 0);

	// Held while a phase is timed, let go during the loads.
	private final MeasurementLock lock = new MeasurementLock(System.getProperty("lock", ""));

	private int databases;

	@FunctionalInterface
	private interface HotOperationsFactory {

		HotOperations on(WorkflowStorage storage);

	}

	private RetentionScale(String backend, long seed, int largerBatch, int warmups, int samples) {
		this.backend = backend;
		this.citus = backend.equals("citus");
		this.seed = seed;
		this.largerBatch = largerBatch;
		this.hotOperations = (storage) -> new HotOperations(storage, warmups, samples);
		this.pyworkflow = PyworkflowRetention.find();
		this.storageFactory = ScaleDatabases.storage(backend);
	}

	public static void main(String[] args) throws Exception {
		String backend = System.getProperty("backend", "postgres");
		List<Integer> sizes = Arrays.stream(System.getProperty("sizes", "10000,100000,1000000").split(","))
			.map(String::trim).map(Integer::valueOf).toList();
		RetentionScale scale = new RetentionScale(backend, Long.getLong("seed", 19), Integer.getInteger("largerBatch", 5000),
				Integer.getInteger("warmups", 3), Integer.getInteger("samples", 10));
		scale.line("# Retention at scale on " + backend + " (" + Instant.now() + ")");
		scale.line("Sizes " + sizes + ", seed " + scale.seed + ", cutoff " + ScaleData.CUTOFF + ", java "
				+ System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores");
		for (int size : sizes) {
			scale.measure(new ScaleData(scale.seed, size), size == sizes.get(sizes.size() - 1), size == sizes.get(0));
		}
		Path out = Path.of("workflow-storage-benchmarks", "target", "retention-scale-" + backend + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, scale.report);
		System.out.println("Written to " + out.toAbsolutePath());
		System.exit(0);
	}

	private void line(String text) {
		System.out.println(text);
		this.report.append(text).append('\n');
	}

	private HikariDataSource loaded(ScaleData data, String role) throws Exception {
		HikariDataSource database = ScaleDatabases.create(this.backend,
				"scale_" + role + "_" + data.runs() + "_" + (++this.databases));
		ScaleLoader.Load load = new ScaleLoader(data, this.citus, 2).load(database);
		line("- load (" + role + "): " + load);
		return database;
	}

	private void measure(ScaleData data, boolean largest, boolean smallest) throws Exception {
		line("");
		line(String.format(Locale.ROOT, "## %,d runs", data.runs()));
		this.lock.acquire("the loads, hot operations and plans at " + data.runs());
		HikariDataSource original = loaded(data, "original");
		WorkflowStorage storage = this.storageFactory.apply(original);
		if (this.hot) {
			line("Hot operations (1 client; median of one-second samples after the warm-up):");
			for (HotOperations.Timing timing : this.hotOperations.on(storage).measure(original, data)) {
				line("- " + timing);
			}
		}
		if (this.hotOnly) {
			this.lock.release();
			original.close();
			return;
		}
		List<RetentionPlans.Plan> plans = new ArrayList<>();
		if (largest) {
			plans.addAll(RetentionPlans.explain(original, ScaleData.CUTOFF, this.citus));
			plans.add(RetentionPlans.explainOperation(original, this.storageFactory,
					(library) -> library.getDueSchedules(ScaleData.NOW)));
		}
		// The copies: same rows as the original now (the hot appends included on PostgreSQL).
		Map<String, HikariDataSource> copies = new LinkedHashMap<>();
		List<String> roles = new ArrayList<>(List.of("pyworkflow"));
		if (largest) {
			roles.add("ours");
			if (this.largerBatch > 0) {
				roles.add("ours_larger_batch");
			}
		}
		String originalName = ScaleDatabases.name(original);
		for (String role : roles) {
			if (this.citus) {
				copies.put(role, loaded(data, role));
			}
			else {
				copies.put(role, ScaleDatabases.copyPostgres(original, "scale_" + role + "_" + data.runs()));
			}
		}
		if (!this.citus) {
			original = ScaleDatabases.reopenPostgres(originalName);
			storage = this.storageFactory.apply(original);
		}
		this.lock.next("deletion passes at " + data.runs());
		line("Deletion throughput (each on its own copy of the same data, nothing else running):");
		Map<String, Map<String, Long>> after = new LinkedHashMap<>();
		PyworkflowRetention.Pass theirs = this.pyworkflow.deleteOldRuns(copies.get("pyworkflow"), this.backend,
				ScaleData.CUTOFF);
		line(String.format(Locale.ROOT, "- pyworkflow 45fbe4c delete_old_runs (one transaction): %,d runs in %.1f s = %,.0f runs/s",
				theirs.deleted(), theirs.seconds(), theirs.deleted() / theirs.seconds()));
		theirs.statements().forEach((statement, seconds) -> line(String.format(Locale.ROOT, "  - %.3f s: %s", seconds, statement)));
		after.put("pyworkflow", counts(copies.get("pyworkflow")));
		double oursPerSecond;
		RetentionPass ours;
		long started;
		if (largest) {
			WorkflowStorage copy = this.storageFactory.apply(copies.get("ours"));
			started = System.nanoTime();
			ours = copy.deleteOldRuns(ScaleData.CUTOFF, WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE);
			oursPerSecond = reportPass("ours, batch " + WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE, ours, started);
			after.put("ours", counts(copies.get("ours")));
			double soloSeconds = ours.runs() / oursPerSecond;
			if (this.largerBatch > 0) {
				WorkflowStorage larger = this.storageFactory.apply(copies.get("ours_larger_batch"));
				started = System.nanoTime();
				reportPass("ours, batch " + this.largerBatch, larger.deleteOldRuns(ScaleData.CUTOFF, this.largerBatch),
						started);
				after.put("ours_larger_batch", counts(copies.get("ours_larger_batch")));
			}
			line(String.format(Locale.ROOT, "- ours (batch %d) / pyworkflow: %.2fx runs/s",
					WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE, oursPerSecond / (theirs.deleted() / theirs.seconds())));
			this.lock.next("appenders without and during a pass at " + data.runs());
			appendersDuringPass(original, storage, data, soloSeconds);
			after.put("ours_with_appenders (appended events included)", counts(original));
		}
		else {
			StatementRecordingDataSource recording = new StatementRecordingDataSource(original);
			WorkflowStorage recorded = this.storageFactory.apply(recording);
			started = System.nanoTime();
			ours = smallest ? RetentionPlans.checkAgainst(recording, recorded, ScaleData.CUTOFF)
					: storage.deleteOldRuns(ScaleData.CUTOFF);
			oursPerSecond = reportPass("ours, batch " + WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE
					+ (smallest ? " (statements recorded and checked against the plans' texts)" : ""), ours, started);
			after.put("ours", counts(original));
			line(String.format(Locale.ROOT, "- ours / pyworkflow: %.2fx runs/s",
					oursPerSecond / (theirs.deleted() / theirs.seconds())));
		}
		line("Rows left per table after each pass (pyworkflow keeps the soft-deleted schedules: it compares status = 'DELETED'):");
		after.forEach((pass, counts) -> line("- " + pass + ": " + counts));
		for (HikariDataSource copy : copies.values()) {
			leftovers(copy);
		}
		leftovers(original);
		if (largest) {
			line("");
			line("Plans (EXPLAIN (ANALYZE, BUFFERS), first batch of " + WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE
					+ " candidates, rolled back), before any pass; last, getDueSchedules' statement as the library sent it:");
			for (RetentionPlans.Plan plan : plans) {
				line("");
				line("`" + plan.sql().replace('\n', ' ') + "`" + (plan.seqScansBigTable()
						? " **SEQ SCAN of workflow_runs or events**" : ""));
				line("```");
				this.report.append(plan.plan());
				System.out.print(plan.plan());
				line("```");
			}
		}
		this.lock.release();
		for (HikariDataSource copy : copies.values()) {
			copy.close();
		}
		original.close();
		if (!this.citus) {
			for (HikariDataSource copy : copies.values()) {
				ScaleDatabases.dropPostgres(ScaleDatabases.name(copy));
			}
			ScaleDatabases.dropPostgres(originalName);
		}
	}

	private double reportPass(String what, RetentionPass pass, long startedNanos) {
		double seconds = (System.nanoTime() - startedNanos) / 1e9;
		double perSecond = pass.runs() / seconds;
		line(String.format(Locale.ROOT, "- %s: %,d runs in %.1f s = %,.0f runs/s, %d batches, rows %s", what, pass.runs(),
				seconds, perSecond, pass.batches(), pass.rows()));
		return perSecond;
	}

	// Baseline appenders for as long as our pass took alone, then the same appenders during a pass.
	private void appendersDuringPass(HikariDataSource original, WorkflowStorage storage, ScaleData data,
			double soloSeconds) throws Exception {
		List<List<String>> runsByThread = new ArrayList<>();
		List<String> current = new ArrayList<>();
		for (int index = 3; runsByThread.size() < APPENDERS; index += 2) {
			Run run = data.run(index);
			if (run.kind() == Kind.LIVE && run.status().equals("running")) {
				current.add(run.runId());
				if (current.size() == RUNS_PER_APPENDER) {
					runsByThread.add(current);
					current = new ArrayList<>();
				}
			}
		}
		line("");
		line(APPENDERS + " appenders (recordEvent, each on its own " + RUNS_PER_APPENDER + " running runs, pool of "
				+ original.getMaximumPoolSize() + "):");
		LiveAppenders baseline = new LiveAppenders(storage, runsByThread, "base_");
		baseline.start();
		Thread.sleep((this.baselineSeconds > 0) ? this.baselineSeconds * 1000L : (long) (soloSeconds * 1000));
		LiveAppenders.Result without = baseline.stop();
		line("- without retention, " + ((this.baselineSeconds > 0) ? "for " + this.baselineSeconds + " s: "
				: "for as long as our pass took alone: ") + without);
		LiveRunCheck check = new LiveRunCheck(original, ScaleData.CUTOFF, "app_");
		long snapshotStarted = System.nanoTime();
		LiveRunCheck.Snapshot before = check.snapshot();
		line(String.format(Locale.ROOT, "- snapshot of the %,d kept runs before the pass (%.1f s)", before.runs().size(),
				(System.nanoTime() - snapshotStarted) / 1e9));
		LiveAppenders during = new LiveAppenders(storage, runsByThread, "app_");
		during.start();
		long started = System.nanoTime();
		RetentionPass pass = storage.deleteOldRuns(ScaleData.CUTOFF, WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE);
		double passSeconds = (System.nanoTime() - started) / 1e9;
		LiveAppenders.Result with = during.stop();
		line(String.format(Locale.ROOT, "- our pass (batch %d) while they append: %,d runs in %.1f s = %,.0f runs/s, %d batches",
				WorkflowStorage.DEFAULT_RETENTION_BATCH_SIZE, pass.runs(), passSeconds, pass.runs() / passSeconds,
				pass.batches()));
		line("- during retention: " + with);
		line(String.format(Locale.ROOT, "- p99 during / without: %.2fx; p50 %.2fx; throughput %.2fx",
				with.p99Micros() / without.p99Micros(), with.p50Micros() / without.p50Micros(),
				with.perSecond() / without.perSecond()));
		LiveRunCheck.Snapshot afterPass = check.snapshot();
		List<String> differences = check.differences(before, afterPass, with.appendedByRun());
		line(String.format(Locale.ROOT, "- row by row after the pass: %,d kept runs compared (run row, events, steps, "
				+ "hooks, flag; %,d appended events counted per run), kept stream rows %s: %s", before.runs().size(),
				with.appends(), before.streamRows().keySet(), differences.isEmpty() ? "all as before"
						: differences.size() + " DIFFERENCES, first " + differences.subList(0, Math.min(5, differences.size()))));
	}

	private void leftovers(DataSource database) {
		long[] left = new LiveRunCheck(database, ScaleData.CUTOFF, "app_").leftovers();
		if (left[0] != 0 || left[1] != 0) {
			line("- **LEFT BEHIND** in " + ((HikariDataSource) database).getJdbcUrl() + ": " + left[0]
					+ " old ended runs, " + left[1] + " events without a run");
		}
	}

	private Map<String, Long> counts(DataSource database) {
		JdbcTemplate jdbc = new JdbcTemplate(database);
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : ScaleLoader.TABLES) {
			counts.put(table, jdbc.queryForObject(COUNT + table, Long.class));
		}
		// On Citus a copy is a second load, without the events the original's hot operations appended.
		counts.put("events loaded (evt_*)", jdbc.queryForObject(LOADED_EVENTS, Long.class));
		return counts;
	}

}
