package dev.workflow.storage.benchmarks.scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.benchmarks.scale.ScaleData.Kind;
import dev.workflow.storage.benchmarks.scale.ScaleData.Run;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunFilter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hot operations on a loaded database, one client, timed by a loop: per operation a warm-up,
 * then one-second samples of as many calls as fit, each sample's mean time per call; the median
 * sample counts, the fastest and slowest are kept as its spread. Single-run operations go round
 * many runs spread over the table, so they read cold and warm pages as a service would.
 */
final class HotOperations {

	// Newest first, as listRuns orders: the run at the deep page's cursor.
	private static final String RUN_AT_DEPTH = """
			SELECT run_id FROM workflow_runs ORDER BY created_at DESC, run_id DESC OFFSET ? LIMIT 1""";

	private static final int ROUND = 1000;

	private static final AtomicLong eventIds = new AtomicLong();

	/**
	 * One operation's samples.
	 *
	 * @param operation the operation
	 * @param medianMicros the median sample's microseconds per call
	 * @param fastestMicros the fastest sample's
	 * @param slowestMicros the slowest sample's
	 * @param calls the calls in all the samples
	 */
	record Timing(String operation, double medianMicros, double fastestMicros, double slowestMicros, long calls) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%s: median %.0f us/op (samples %.0f-%.0f, %,d calls)", this.operation,
					this.medianMicros, this.fastestMicros, this.slowestMicros, this.calls);
		}

	}

	private final WorkflowStorage storage;

	private final int warmupSeconds;

	private final int samples;

	HotOperations(WorkflowStorage storage, int warmupSeconds, int samples) {
		this.storage = storage;
		this.warmupSeconds = warmupSeconds;
		this.samples = samples;
	}

	/**
	 * Times every hot operation on a database loaded with {@code data}.
	 * @param database the database
	 * @param data what it was loaded with
	 * @return the timings, in order
	 */
	List<Timing> measure(DataSource database, ScaleData data) {
		List<String> running = new ArrayList<>();
		List<String> anyRuns = new ArrayList<>();
		List<String> tenEvents = new ArrayList<>();
		int stride = Math.max(1, data.runs() / (4 * ROUND));
		for (int index = 1; index < data.runs() && (running.size() < ROUND || anyRuns.size() < ROUND
				|| tenEvents.size() < ROUND); index += stride) {
			Run run = data.run(index);
			anyRuns.add(run.runId());
			if (run.kind() == Kind.LIVE && run.status().equals("running")) {
				running.add(run.runId());
			}
			if (run.kind() == Kind.RECENT_ENDED && run.events() == 10) {
				tenEvents.add(run.runId());
			}
		}
		String deepCursor = JdbcClient.create(database).sql(RUN_AT_DEPTH).param(data.deepPageOffset())
			.query(String.class).single();
		RunFilter firstPage = RunFilter.all().withLimit(100);
		RunFilter deepPage = firstPage.withCursor(deepCursor);
		List<Timing> timings = new ArrayList<>();
		timings.add(time("recordEvent", (call) -> {
			String runId = running.get((int) (call % running.size()));
			this.storage.recordEvent(Event.of("hot_" + eventIds.incrementAndGet(), runId, "step.completed",
					Instant.now(), "{\"step_id\": \"hot\", \"attempt\": 1}"));
		}));
		timings.add(time("getRun", (call) -> this.storage.getRun(anyRuns.get((int) (call % anyRuns.size())))
			.orElseThrow()));
		timings.add(time("getEvents (10 events)", (call) -> {
			int events = this.storage.getEvents(tenEvents.get((int) (call % tenEvents.size()))).size();
			if (events != 10) {
				throw new IllegalStateException("a run of 10 events gave " + events);
			}
		}));
		timings.add(time("listRuns first page (100)", (call) -> check(this.storage.listRuns(firstPage).runs().size(), 100)));
		timings.add(time("listRuns deep page (100, cursor at half)",
				(call) -> check(this.storage.listRuns(deepPage).runs().size(), 100)));
		timings.add(time("getDueSchedules (" + ScaleData.DUE_SCHEDULES + " due)",
				(call) -> check(this.storage.getDueSchedules(ScaleData.NOW).size(), ScaleData.DUE_SCHEDULES)));
		return timings;
	}

	private static void check(int size, int expected) {
		if (size != expected) {
			throw new IllegalStateException("expected " + expected + " rows, got " + size);
		}
	}

	@FunctionalInterface
	private interface Call {

		void call(long number) throws Exception;

	}

	private Timing time(String operation, Call call) {
		try {
			long number = 0;
			long warmEnd = System.nanoTime() + this.warmupSeconds * 1_000_000_000L;
			while (System.nanoTime() < warmEnd) {
				call.call(number++);
			}
			List<Double> micros = new ArrayList<>();
			long calls = 0;
			for (int sample = 0; sample < this.samples; sample++) {
				long start = System.nanoTime();
				long end = start + 1_000_000_000L;
				long inSample = 0;
				long now;
				do {
					call.call(number++);
					inSample++;
					now = System.nanoTime();
				}
				while (now < end);
				micros.add((now - start) / 1000.0 / inSample);
				calls += inSample;
			}
			List<Double> sorted = micros.stream().sorted().toList();
			Timing timing = new Timing(operation, median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), calls);
			return timing;
		}
		catch (Exception ex) {
			throw new IllegalStateException(operation + " failed: " + ex.getMessage(), ex);
		}
	}

	static double median(List<Double> sorted) {
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	static Map<String, Timing> byOperation(List<Timing> timings) {
		Map<String, Timing> map = new LinkedHashMap<>();
		timings.forEach((timing) -> map.put(timing.operation(), timing));
		return map;
	}

}
