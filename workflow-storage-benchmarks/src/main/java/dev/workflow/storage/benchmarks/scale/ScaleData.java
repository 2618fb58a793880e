package dev.workflow.storage.benchmarks.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data of a scale measurement: run {@code i} of a seed is always the same run, with the same
 * rows, so two databases loaded with the same seed and size hold identical data and a measurement
 * can find runs of a kind (live, with ten events...) without asking the database.
 *
 * <p>
 * Proportions per run, on average (pyworkflow has no canonical mix; these follow what its workers
 * write for ordinary step workflows, with a share of stream workflows): 10 events (6 to 14), 3
 * steps, 0.1 hooks, 0.01 cancellation flags, 0.05 checkpoints (of a step), 0.1 idempotency keys,
 * 0.01 child runs, 0.2 signals of which half acknowledged, 0.01 scheduled signals (half
 * delivered), 0.02 stream subscriptions, and one schedule per 100 runs (10 of them due, 2% soft
 * deleted). Exactly half the runs (even {@code i}) have ended (completed 70%, failed 15%,
 * cancelled 7%, continued as new 5%, interrupted 3%) and were last updated before
 * {@link #CUTOFF}; of the other half, every other run ended after the cutoff and the rest are
 * running, suspended or pending. The stream rows' ages follow the same halves.
 */
final class ScaleData {

	/**
	 * The instant the data is "now" for: schedules are due relative to it.
	 */
	static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

	/**
	 * The retention cutoff: 30 days before {@link #NOW}.
	 */
	static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

	/**
	 * How many schedules are due at {@link #NOW}, whatever the size.
	 */
	static final int DUE_SCHEDULES = 10;

	static final List<String> ENDED = List.of("completed", "failed", "cancelled", "continued_as_new", "interrupted");

	private static final long DAY_MICROS = 86_400_000_000L;

	private final long seed;

	private final int runs;

	ScaleData(long seed, int runs) {
		this.seed = seed;
		this.runs = runs;
	}

	long seed() {
		return this.seed;
	}

	int runs() {
		return this.runs;
	}

	int schedules() {
		return Math.max(DUE_SCHEDULES * 2, this.runs / 100);
	}

	/**
	 * What kind of run a run is.
	 */
	enum Kind {

		/** Ended before the cutoff: retention deletes it. */
		OLD_ENDED,
		/** Ended after the cutoff. */
		RECENT_ENDED,
		/** Still running, suspended or pending. */
		LIVE

	}

	static Kind kind(int index) {
		if (index % 2 == 0) {
			return Kind.OLD_ENDED;
		}
		return ((index / 2) % 2 == 0) ? Kind.RECENT_ENDED : Kind.LIVE;
	}

	/**
	 * One run and everything that is its own.
	 *
	 * @param index its number
	 * @param runId its id
	 * @param kind its kind
	 * @param status its status
	 * @param createdAt created
	 * @param updatedAt last updated
	 * @param events how many events its log holds
	 * @param parentIndex the index of its parent, or -1
	 */
	record Run(int index, String runId, Kind kind, String status, Instant createdAt, Instant updatedAt, int events,
			int parentIndex) {

		String stepId(int step) {
			return "step_" + this.runId.substring(4) + "_" + step;
		}

		String hookToken() {
			return "tok_" + this.runId.substring(4);
		}

		String idempotencyKey() {
			return "key_" + this.runId.substring(4);
		}

		boolean hasHook() {
			return this.index % 20 == 6 || this.index % 20 == 7;
		}

		boolean hasFlag() {
			return this.index % 200 == 10 || this.index % 200 == 11;
		}

		boolean hasCheckpoint() {
			return this.index % 40 == 2 || this.index % 40 == 3;
		}

		boolean hasIdempotencyKey() {
			return this.index % 20 == 4 || this.index % 20 == 5;
		}

		boolean hasSignal() {
			return this.index % 5 == 0;
		}

		boolean hasScheduledSignal() {
			return this.index % 200 == 12 || this.index % 200 == 13;
		}

		boolean hasSubscription() {
			return this.index % 100 == 6 || this.index % 100 == 7;
		}

		static final int STEPS = 3;

	}

	/**
	 * Run {@code index} of this seed.
	 * @param index 0 to {@link #runs()} - 1
	 * @return the run
	 */
	Run run(int index) {
		SplittableRandom random = random(index);
		String runId = "run_" + hex(random.nextLong(), 12) + hex(index, 8);
		Kind kind = kind(index);
		String status;
		Instant updatedAt;
		switch (kind) {
			case OLD_ENDED -> {
				status = endedStatus(random.nextInt(100));
				updatedAt = CUTOFF.minusNanos(1000 * (60_000_000L + random.nextLong(60 * DAY_MICROS)));
			}
			case RECENT_ENDED -> {
				status = endedStatus(random.nextInt(100));
				updatedAt = CUTOFF.plusNanos(1000 * (60_000_000L + random.nextLong(29 * DAY_MICROS)));
			}
			default -> {
				int draw = random.nextInt(10);
				status = (draw < 7) ? "running" : (draw < 9) ? "suspended" : "pending";
				updatedAt = CUTOFF.plusNanos(1000 * (60_000_000L + random.nextLong(29 * DAY_MICROS)));
			}
		}
		Instant createdAt = updatedAt.minusNanos(1000 * (1_000_000L + random.nextLong(3_600_000_000L)));
		int events = 6 + random.nextInt(9);
		// A child of the run two before it, of the same (old, ended) kind: both go in one pass.
		int parentIndex = (index % 100 == 2) ? index - 2 : -1;
		return new Run(index, runId, kind, status, createdAt, updatedAt, events, parentIndex);
	}

	SplittableRandom random(int index) {
		return new SplittableRandom(this.seed * 0x9E37_79B9_7F4A_7C15L + index);
	}

	private static String endedStatus(int draw) {
		return (draw < 70) ? "completed" : (draw < 85) ? "failed" : (draw < 92) ? "cancelled"
				: (draw < 97) ? "continued_as_new" : "interrupted";
	}

	static String hex(long value, int digits) {
		char[] chars = new char[digits];
		for (int i = digits - 1; i >= 0; i--) {
			chars[i] = Character.forDigit((int) (value & 0xf), 16);
			value >>>= 4;
		}
		return new String(chars);
	}

	/**
	 * The stream run a run's signal is published in: ten signals to a stream run, numbered 0..9
	 * by the order of their runs, as pyworkflow numbers a stream run's signals.
	 */
	int signalStreamRuns() {
		return Math.max(1, this.runs / 50);
	}

	/**
	 * The deep page's distance from the newest run: half the table.
	 */
	int deepPageOffset() {
		return this.runs / 2;
	}

}
