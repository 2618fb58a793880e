package dev.workflow.storage.benchmarks.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The server time of every labelled request the application answers: from the moment Tomcat
 * hands the request to the first filter of the application's chain to the moment that chain
 * returns, the page rendered and its bytes written (all but the last buffer, which Tomcat
 * flushes after).
 *
 * <p>
 * The benchmark labels each request it sends ({@value #LABEL} header) and takes the samples of a
 * label back through {@link BenchRoutes}; unlabelled requests are not timed.
 */
final class ServerTimings {

	/**
	 * The request header that names what a request measures.
	 */
	static final String LABEL = "X-Bench-Label";

	private final Map<String, Queue<Long>> samples = new ConcurrentHashMap<>();

	void add(String label, long nanos) {
		this.samples.computeIfAbsent(label, (key) -> new ConcurrentLinkedQueue<>()).add(nanos);
	}

	/**
	 * The samples of a label since it was last taken, and forgets them.
	 * @param label the label
	 * @return the server times in nanoseconds, in the order the requests ended
	 */
	List<Long> take(String label) {
		Queue<Long> taken = this.samples.remove(label);
		return (taken != null) ? List.copyOf(taken) : List.of();
	}

	/**
	 * The filter that times the requests; registered first of all the application's filters.
	 * @return the filter
	 */
	Filter filter() {
		return (request, response, chain) -> {
			String label = ((HttpServletRequest) request).getHeader(LABEL);
			long start = System.nanoTime();
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (label != null) {
					add(label, System.nanoTime() - start);
				}
			}
		};
	}

}
