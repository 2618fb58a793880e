package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The windows an overview counts runs in: the last hour, day, week or 30 days.
 */
enum OverviewWindow {

	HOUR("1h", "Last hour", Duration.ofHours(1)),

	DAY("24h", "Last 24 hours", Duration.ofHours(24)),

	WEEK("7d", "Last 7 days", Duration.ofDays(7)),

	MONTH("30d", "Last 30 days", Duration.ofDays(30));

	private final String key;

	private final String label;

	private final Duration length;

	OverviewWindow(String key, String label, Duration length) {
		this.key = key;
		this.label = label;
		this.length = length;
	}

	String key() {
		return this.key;
	}

	String label() {
		return this.label;
	}

	Duration length() {
		return this.length;
	}

	/**
	 * The window a parameter names.
	 * @param key {@code 1h}, {@code 24h}, {@code 7d} or {@code 30d}; none for the last 24 hours
	 * @return the window
	 */
	static OverviewWindow of(@Nullable String key) {
		if (key == null) {
			return DAY;
		}
		return Arrays.stream(values())
			.filter((window) -> window.key.equals(key))
			.findFirst()
			.orElseThrow(() -> DashboardProblem.badRequest("The window must be one of 1h, 24h, 7d and 30d."));
	}

}
