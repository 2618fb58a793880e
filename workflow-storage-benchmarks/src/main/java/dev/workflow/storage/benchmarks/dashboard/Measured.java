package dev.workflow.storage.benchmarks.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * A scenario's times.
 *
 * @param scenario the scenario
 * @param pageServer the page's server times
 * @param pageClient the page's times on the client, localhost
 * @param callServer the storage call's server times (as a request of its own, timed as the page is)
 * @param callOnly the storage call's own times, inside its handler
 * @param bytes the page's size
 */
record Measured(Scenario scenario, Samples pageServer, Samples pageClient, @Nullable Samples callServer,
		@Nullable Samples callOnly, int bytes) {

	/**
	 * The page's median server time over its storage call's, both as requests.
	 * @return the ratio, NaN without a call
	 */
	double ratio() {
		return (this.callServer != null) ? this.pageServer.medianMillis() / this.callServer.medianMillis() : Double.NaN;
	}

}
