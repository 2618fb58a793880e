package dev.workflow.storage.benchmarks.scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;

/**
 * Appenders on live runs: each thread calls {@code recordEvent} on its own running runs, going
 * round them, as workers of a busy service do, and times every call. Their event ids begin with a
 * prefix of the measurement, so the rows they wrote can be told apart afterwards.
 */
final class LiveAppenders {

	/**
	 * What the appenders did.
	 *
	 * @param appends the calls that returned
	 * @param errors the calls that threw
	 * @param firstError the first error's message, or empty
	 * @param seconds how long they ran
	 * @param p50Micros the median call's microseconds
	 * @param p99Micros the 99th percentile's
	 * @param maxMicros the slowest call's
	 * @param appendedByRun the events appended to each run
	 */
	record Result(long appends, long errors, String firstError, double seconds, double p50Micros, double p99Micros,
			double maxMicros, Map<String, Long> appendedByRun) {

		double perSecond() {
			return this.appends / this.seconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%,d appends in %.1f s (%,.0f/s), p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors%s", this.appends,
					this.seconds, perSecond(), this.p50Micros / 1000, this.p99Micros / 1000, this.maxMicros / 1000,
					this.errors, this.firstError.isEmpty() ? "" : " (first: " + this.firstError + ")");
		}

	}

	private final WorkflowStorage storage;

	private final List<List<String>> runsByThread;

	private final String prefix;

	private final AtomicBoolean stop = new AtomicBoolean();

	private final AtomicLong errors = new AtomicLong();

	private final Map<String, Long> appendedByRun = new ConcurrentHashMap<>();

	private final List<long[]> latencies = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private volatile String firstError = "";

	private long startedAt;

	/**
	 * Appenders, one thread per list of runs.
	 * @param storage the storage
	 * @param runsByThread the running runs of each thread
	 * @param prefix the start of every event id they write
	 */
	LiveAppenders(WorkflowStorage storage, List<List<String>> runsByThread, String prefix) {
		this.storage = storage;
		this.runsByThread = runsByThread;
		this.prefix = prefix;
	}

	void start() {
		this.startedAt = System.nanoTime();
		for (int thread = 0; thread < this.runsByThread.size(); thread++) {
			List<String> runs = this.runsByThread.get(thread);
			long[][] own = { new long[1 << 16] };
			int[] count = { 0 };
			int number = thread;
			Thread appender = new Thread(() -> {
				Map<String, Long> appended = new HashMap<>();
				long call = 0;
				while (!this.stop.get()) {
					String runId = runs.get((int) (call % runs.size()));
					Event event = Event.of(this.prefix + number + "_" + call, runId, "step.completed", Instant.now(),
							"{\"step_id\": \"live\", \"attempt\": 1}");
					call++;
					long start = System.nanoTime();
					try {
						this.storage.recordEvent(event);
						long took = System.nanoTime() - start;
						if (count[0] == own[0].length) {
							own[0] = Arrays.copyOf(own[0], own[0].length * 2);
						}
						own[0][count[0]++] = took;
						appended.merge(runId, 1L, Long::sum);
					}
					catch (RuntimeException ex) {
						if (this.errors.incrementAndGet() == 1) {
							this.firstError = ex.toString();
						}
					}
				}
				synchronized (this.latencies) {
					this.latencies.add(Arrays.copyOf(own[0], count[0]));
				}
				appended.forEach((runId, events) -> this.appendedByRun.merge(runId, events, Long::sum));
			}, "appender-" + thread);
			this.threads.add(appender);
			appender.start();
		}
	}

	Result stop() throws InterruptedException {
		this.stop.set(true);
		for (Thread thread : this.threads) {
			thread.join();
		}
		double seconds = (System.nanoTime() - this.startedAt) / 1e9;
		long[] all = this.latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		if (all.length == 0) {
			return new Result(0, this.errors.get(), this.firstError, seconds, 0, 0, 0, Map.copyOf(this.appendedByRun));
		}
		return new Result(all.length, this.errors.get(), this.firstError, seconds, percentile(all, 0.50) / 1000.0,
				percentile(all, 0.99) / 1000.0, all[all.length - 1] / 1000.0, Map.copyOf(this.appendedByRun));
	}

	private static long percentile(long[] sorted, double fraction) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
	}

}
