package dev.workflow.storage.benchmarks.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * Times of one kind of request, and their median and tail.
 *
 * @param nanos the samples, in nanoseconds
 */
record Samples(List<Long> nanos) {

	Samples {
		nanos = nanos.stream().sorted().toList();
	}

	int count() {
		return this.nanos.size();
	}

	double medianMillis() {
		return percentileMillis(50);
	}

	double p90Millis() {
		return percentileMillis(90);
	}

	double p99Millis() {
		return percentileMillis(99);
	}

	/**
	 * A percentile by nearest rank.
	 * @param percent 1 to 100
	 * @return the sample at that rank, in milliseconds; NaN without samples
	 */
	double percentileMillis(int percent) {
		if (this.nanos.isEmpty()) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percent / 100.0 * this.nanos.size());
		return this.nanos.get(Math.max(0, rank - 1)) / 1e6;
	}

	/**
	 * Median / p90 / p99, such as {@code 12.3 / 15.0 / 21.7}.
	 * @return the text
	 */
	String summary() {
		return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", medianMillis(), p90Millis(), p99Millis());
	}

}
