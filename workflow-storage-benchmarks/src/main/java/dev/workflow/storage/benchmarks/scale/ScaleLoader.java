package dev.workflow.storage.benchmarks.scale;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.workflow.storage.benchmarks.scale.ScaleData.Kind;
import dev.workflow.storage.benchmarks.scale.ScaleData.Run;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.support.ScheduleSpecJson;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a migrated database with {@link ScaleData}'s runs through {@code COPY} (pgjdbc's
 * {@link CopyManager}), chunk by chunk on a few connections at once, then vacuums and analyzes
 * the tables so that neither autovacuum nor stale statistics run into the measurements after it,
 * and checkpoints and syncs so that the kernel's write-back of the load does not either.
 *
 * <p>
 * As a command it loads one fresh database of the embedded PostgreSQL server or of the local
 * Citus cluster and prints the load rate (the server and its data go when the JVM exits):
 * {@code java -cp workflow-storage-benchmarks/target/benchmarks.jar
 * dev.workflow.storage.benchmarks.scale.ScaleLoader} with {@code -Dbackend=postgres|citus}
 * (default postgres), {@code -Druns=} (default 1,000,000), {@code -Dseed=} (default 19) and
 * {@code -Dloaders=} (connections loading at once, default 2).
 */
public final class ScaleLoader {

	// Runs per COPY of every table: a multiple of 100, so a child and its parent share a chunk.
	private static final int CHUNK = 10_000;

	private static final String RUNS = """
			COPY workflow_runs (run_id, workflow_name, status, created_at, updated_at, started_at, completed_at, \
			input_args, input_kwargs, result, error, idempotency_key, max_duration, metadata, recovery_attempts, \
			max_recovery_attempts, recover_on_worker_loss, parent_run_id, nesting_depth, continued_from_run_id, \
			continued_to_run_id) FROM STDIN""";

	private static final String EVENTS = "COPY events (event_id, run_id, sequence, type, timestamp, data, step_id) FROM STDIN";

	private static final String STEPS = """
			COPY steps (step_id, run_id, step_name, status, created_at, started_at, completed_at, input_args, \
			input_kwargs, result, error, retry_count) FROM STDIN""";

	private static final String HOOKS = """
			COPY hooks (run_id, hook_id, token, created_at, received_at, expires_at, status, payload, metadata) \
			FROM STDIN""";

	private static final String FLAGS = "COPY cancellation_flags (run_id, created_at) FROM STDIN";

	private static final String CHECKPOINTS = "COPY checkpoints (step_run_id, data, created_at, updated_at) FROM STDIN";

	private static final String SIGNALS = """
			COPY signals (stream_run_id, sequence, signal_id, stream_id, signal_type, payload, published_at, \
			source_run_id, metadata) FROM STDIN""";

	private static final String ACKNOWLEDGMENTS = "COPY signal_acknowledgments (signal_id, step_run_id, acknowledged_at) FROM STDIN";

	private static final String SCHEDULED_SIGNALS = """
			COPY scheduled_signals (id, stream_id, signal_type, payload, due_at, stream_run_id, metadata, delivered, \
			created_at) FROM STDIN""";

	private static final String SUBSCRIPTIONS = """
			COPY stream_subscriptions (stream_id, step_run_id, signal_types, status, stream_run_id, parent_run_id, \
			parent_hook_token, result, created_at) FROM STDIN""";

	private static final String SCHEDULES = """
			COPY schedules (schedule_id, workflow_name, spec, spec_type, timezone, input_args, input_kwargs, status, \
			overlap_policy, next_run_time, last_run_time, running_run_ids, metadata, created_at, updated_at, paused_at, \
			deleted_at) FROM STDIN""";

	// Citus only: the tables that keep keys and tokens unique across shards.
	private static final String IDEMPOTENCY_KEYS = "COPY workflow_idempotency_keys (idempotency_key, run_id) FROM STDIN";

	private static final String HOOK_TOKENS = "COPY hook_tokens (token, run_id, hook_id) FROM STDIN";

	/**
	 * Every table the loader fills, in the order it vacuums them.
	 */
	static final List<String> TABLES = List.of("workflow_runs", "events", "steps", "hooks", "cancellation_flags",
			"checkpoints", "signals", "signal_acknowledgments", "scheduled_signals", "stream_subscriptions",
			"schedules");

	static final List<String> CITUS_KEY_TABLES = List.of("workflow_idempotency_keys", "hook_tokens");

	private static final String NULL = "\\N";

	private static final String[] STEP_NAMES = { "reserve_stock", "charge_card", "send_receipt" };

	private final ScaleData data;

	private final boolean citus;

	private final int loaders;

	ScaleLoader(ScaleData data, boolean citus, int loaders) {
		this.data = data;
		this.citus = citus;
		this.loaders = loaders;
	}

	public static void main(String[] args) throws Exception {
		String backend = System.getProperty("backend", "postgres");
		ScaleData data = new ScaleData(Long.getLong("seed", 19), Integer.getInteger("runs", 1_000_000));
		DataSource database = ScaleDatabases.create(backend, "scale_load");
		Load load = new ScaleLoader(data, backend.equals("citus"), Integer.getInteger("loaders", 2)).load(database);
		System.out.println(load);
		System.exit(0);
	}

	/**
	 * What a load took.
	 *
	 * @param runs the runs loaded
	 * @param rows rows loaded by table
	 * @param copying the time the copies took
	 * @param vacuuming the time {@code VACUUM ANALYZE} took after them
	 */
	record Load(int runs, Map<String, Long> rows, Duration copying, Duration vacuuming) {

		long totalRows() {
			return this.rows.values().stream().mapToLong(Long::longValue).sum();
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"loaded %,d runs, %,d rows in all (%s) in %.1f s (%,.0f runs/s, %,.0f rows/s), then VACUUM ANALYZE %.1f s",
					this.runs, totalRows(), this.rows, this.copying.toMillis() / 1000.0,
					this.runs / (this.copying.toMillis() / 1000.0), totalRows() / (this.copying.toMillis() / 1000.0),
					this.vacuuming.toMillis() / 1000.0);
		}

	}

	/**
	 * Loads every run, then the schedules, then vacuums and analyzes.
	 * @param database a database migrated by our library, empty
	 * @return what it took
	 */
	Load load(DataSource database) throws Exception {
		Instant started = Instant.now();
		Map<String, Long> rows = new LinkedHashMap<>();
		AtomicInteger nextChunk = new AtomicInteger();
		int chunks = (this.data.runs() + CHUNK - 1) / CHUNK;
		ExecutorService pool = Executors.newFixedThreadPool(this.loaders);
		try {
			List<Future<Map<String, Long>>> loaders = new ArrayList<>();
			for (int loader = 0; loader < this.loaders; loader++) {
				loaders.add(pool.submit(() -> {
					Map<String, Long> counted = new LinkedHashMap<>();
					try (Connection connection = database.getConnection()) {
						CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
						for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
							int from = chunk * CHUNK;
							loadChunk(copy, from, Math.min(this.data.runs(), from + CHUNK)).forEach(
									(table, count) -> counted.merge(table, count, Long::sum));
							if (chunk % 10 == 9) {
								System.out.printf(Locale.ROOT, "  %,d of %,d runs%n", (chunk + 1L) * CHUNK, (long) this.data.runs());
							}
						}
					}
					return counted;
				}));
			}
			for (Future<Map<String, Long>> loader : loaders) {
				loader.get().forEach((table, count) -> rows.merge(table, count, Long::sum));
			}
		}
		finally {
			pool.shutdown();
		}
		try (Connection connection = database.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			rows.put("schedules", copy.copyIn(SCHEDULES, new StringReader(schedules())));
		}
		Instant copied = Instant.now();
		vacuumAnalyze(database);
		Duration vacuuming = Duration.between(copied, Instant.now());
		settle(database);
		return new Load(this.data.runs(), rows, Duration.between(started, copied), vacuuming);
	}

	// A load leaves gigabytes for the kernel to write back: written out now, so that the
	// measurements after the load do not share the disk with it.
	private void settle(DataSource database) throws SQLException, IOException, InterruptedException {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CHECKPOINT");
			if (this.citus) {
				statement.execute("SELECT run_command_on_workers('CHECKPOINT')");
			}
		}
		new ProcessBuilder("sync").inheritIO().start().waitFor();
	}

	void vacuumAnalyze(DataSource database) throws SQLException {
		List<String> tables = new ArrayList<>(TABLES);
		if (this.citus) {
			tables.addAll(CITUS_KEY_TABLES);
		}
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : tables) {
				statement.execute("VACUUM (ANALYZE) " + table);
			}
		}
	}

	private Map<String, Long> loadChunk(CopyManager copy, int from, int to) throws Exception {
		Rows rows = new Rows();
		for (int index = from; index < to; index++) {
			add(rows, this.data.run(index));
		}
		Map<String, Long> counted = new LinkedHashMap<>();
		counted.put("workflow_runs", copy.copyIn(RUNS, new StringReader(rows.runs.toString())));
		counted.put("events", copy.copyIn(EVENTS, new StringReader(rows.events.toString())));
		counted.put("steps", copy.copyIn(STEPS, new StringReader(rows.steps.toString())));
		counted.put("hooks", copy.copyIn(HOOKS, new StringReader(rows.hooks.toString())));
		counted.put("cancellation_flags", copy.copyIn(FLAGS, new StringReader(rows.flags.toString())));
		counted.put("checkpoints", copy.copyIn(CHECKPOINTS, new StringReader(rows.checkpoints.toString())));
		counted.put("signals", copy.copyIn(SIGNALS, new StringReader(rows.signals.toString())));
		counted.put("signal_acknowledgments", copy.copyIn(ACKNOWLEDGMENTS, new StringReader(rows.acknowledgments.toString())));
		counted.put("scheduled_signals", copy.copyIn(SCHEDULED_SIGNALS, new StringReader(rows.scheduledSignals.toString())));
		counted.put("stream_subscriptions", copy.copyIn(SUBSCRIPTIONS, new StringReader(rows.subscriptions.toString())));
		if (this.citus) {
			counted.put("workflow_idempotency_keys", copy.copyIn(IDEMPOTENCY_KEYS, new StringReader(rows.keys.toString())));
			counted.put("hook_tokens", copy.copyIn(HOOK_TOKENS, new StringReader(rows.tokens.toString())));
		}
		return counted;
	}

	// The text format of COPY: tab-separated, \N for NULL; no value here holds a tab, newline or backslash.
	private static final class Rows {

		final StringBuilder runs = new StringBuilder(1 << 22);

		final StringBuilder events = new StringBuilder(1 << 24);

		final StringBuilder steps = new StringBuilder(1 << 23);

		final StringBuilder hooks = new StringBuilder();

		final StringBuilder flags = new StringBuilder();

		final StringBuilder checkpoints = new StringBuilder();

		final StringBuilder signals = new StringBuilder();

		final StringBuilder acknowledgments = new StringBuilder();

		final StringBuilder scheduledSignals = new StringBuilder();

		final StringBuilder subscriptions = new StringBuilder();

		final StringBuilder keys = new StringBuilder();

		final StringBuilder tokens = new StringBuilder();

	}

	private static void row(StringBuilder out, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append('\t');
			}
			out.append((values[i] != null) ? values[i] : NULL);
		}
		out.append('\n');
	}

	private void add(Rows rows, Run run) {
		boolean ended = run.kind() != Kind.LIVE;
		String startedAt = run.createdAt().plusSeconds(1).toString();
		String parent = (run.parentIndex() >= 0) ? this.data.run(run.parentIndex()).runId() : null;
		String key = run.hasIdempotencyKey() ? run.idempotencyKey() : null;
		row(rows.runs, run.runId(), "order_fulfilment", run.status(), run.createdAt(), run.updatedAt(), startedAt,
				ended ? run.updatedAt() : null, "[\"order-" + run.index() + "\", 2]", "{\"priority\": \"normal\"}",
				run.status().equals("completed") ? "{\"shipped\": true, \"total\": 99.5}" : null,
				run.status().equals("failed") ? "PaymentDeclined: card expired" : null, key, null,
				"{\"tenant\": \"acme\"}", 0, 3, "t", parent, (parent != null) ? 1 : 0, null, null);
		if (this.citus && key != null) {
			row(rows.keys, key, run.runId());
		}
		for (int step = 0; step < Run.STEPS; step++) {
			boolean done = ended || step < Run.STEPS - 1;
			Instant stepAt = run.createdAt().plusSeconds(2 + step);
			row(rows.steps, run.stepId(step), run.runId(), STEP_NAMES[step], done ? "completed" : "running", stepAt,
					stepAt, done ? stepAt.plusMillis(500) : null, "[\"order-" + run.index() + "\"]", "{}",
					done ? "{\"ok\": true}" : null, null, 0);
		}
		addEvents(rows.events, run);
		if (run.hasHook()) {
			String hookId = "hook_" + run.runId().substring(4);
			row(rows.hooks, run.runId(), hookId, run.hookToken(), run.createdAt().plusSeconds(3),
					ended ? run.updatedAt() : null, run.createdAt().plus(Duration.ofDays(7)), ended ? "received" : "pending",
					ended ? "{\"approved\": true}" : null, "{}");
			if (this.citus) {
				row(rows.tokens, run.hookToken(), run.runId(), hookId);
			}
		}
		if (run.hasFlag()) {
			row(rows.flags, run.runId(), run.updatedAt());
		}
		if (run.hasCheckpoint()) {
			row(rows.checkpoints, run.stepId(0), "{\"processed\": 42, \"cursor\": \"sig-17\"}", run.createdAt(),
					run.updatedAt());
		}
		addStreamRows(rows, run);
	}

	private static void addEvents(StringBuilder events, Run run) {
		String runHex = run.runId().substring(4);
		for (int sequence = 0; sequence < run.events(); sequence++) {
			String type;
			String stepId = null;
			String data;
			boolean last = sequence == run.events() - 1;
			if (sequence == 0) {
				type = "workflow.started";
				data = "{\"workflow_name\": \"order_fulfilment\"}";
			}
			else if (last && run.kind() != Kind.LIVE) {
				type = "workflow." + run.status();
				data = "{}";
			}
			else {
				stepId = run.stepId(((sequence - 1) / 2) % Run.STEPS);
				type = (sequence % 2 == 1) ? "step.started" : "step.completed";
				data = "{\"step_id\": \"" + stepId + "\", \"attempt\": 1}";
			}
			row(events, "evt_" + runHex + "_" + sequence, run.runId(), sequence, type,
					run.createdAt().plusMillis(100L * sequence), data, stepId);
		}
	}

	private void addStreamRows(Rows rows, Run run) {
		boolean old = run.kind() == Kind.OLD_ENDED;
		if (run.hasSignal()) {
			int number = run.index() / 5;
			int streamRuns = this.data.signalStreamRuns();
			String signalId = "sig_" + run.runId().substring(4);
			String publishedAt = run.updatedAt().toString();
			row(rows.signals, "srun_" + (number % streamRuns), number / streamRuns, signalId,
					"stream_" + (number % streamRuns % 100), "order.shipped", "{\"order\": " + run.index() + "}", publishedAt,
					run.runId(), "{}");
			if (run.index() % 20 == 0 || run.index() % 20 == 5) {
				row(rows.acknowledgments, signalId, run.stepId(0), run.updatedAt().plusSeconds(1));
			}
		}
		if (run.hasScheduledSignal()) {
			row(rows.scheduledSignals, "ssig_" + run.runId().substring(4), "stream_" + (run.index() % 100), "order.reminder",
					"{}", run.createdAt().plus(Duration.ofHours(1)), null, "{}", ((run.index() / 200) % 2 == 0) ? "t" : "f",
					run.createdAt());
		}
		if (run.hasSubscription()) {
			String status = old ? ((run.index() % 200 == 6) ? "terminated" : "completed")
					: (run.kind() == Kind.LIVE) ? "waiting" : "completed";
			row(rows.subscriptions, "stream_" + (run.index() % 100), run.stepId(0), "[\"order.shipped\"]", status, null,
					run.runId(), null, null, run.createdAt());
		}
	}

	private String schedules() {
		StringBuilder rows = new StringBuilder();
		ScheduleSpec cron = ScheduleSpec.cron("0 * * * *");
		String spec = ScheduleSpecJson.write(cron);
		Instant created = ScaleData.CUTOFF.minus(Duration.ofDays(30));
		for (int number = 0; number < this.data.schedules(); number++) {
			boolean due = number < ScaleData.DUE_SCHEDULES;
			boolean deleted = !due && number % 50 == 1;
			Instant next = due ? ScaleData.NOW.minusSeconds(60L * (number + 1)) : ScaleData.NOW.plusSeconds(60L * number);
			row(rows, "sched_" + hex(number), "order_fulfilment", spec, cron.type().value(), cron.timezone(), "[]", "{}",
					deleted ? "deleted" : "active", "skip", next, null, "[]", "{}", created, created, null,
					deleted ? ScaleData.CUTOFF.minus(Duration.ofDays(1)) : null);
		}
		return rows.toString();
	}

	private static String hex(int number) {
		return ScaleData.hex(number, 8);
	}

}
