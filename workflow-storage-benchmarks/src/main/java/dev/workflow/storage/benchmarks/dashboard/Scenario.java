package dev.workflow.storage.benchmarks.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * One request the benchmark times again and again, and the storage call beneath it, sent as a
 * request of its own ({@link BenchRoutes}) so that both are timed the same way.
 *
 * @param name what it is, also its label
 * @param page the dashboard's path and query string
 * @param call the bench route making the page's storage call, or {@code null}
 */
record Scenario(String name, String page, @Nullable String call) {

	String callLabel() {
		return this.name + " (storage call)";
	}

}
