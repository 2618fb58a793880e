package dev.workflow.storage.benchmarks.dashboard;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.StoredValue;
import dev.workflow.storage.testing.RecordedStatement;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Routes of the benchmark's own in the measured application, below {@value #PATH}: the storage
 * calls the dashboard's pages make, alone (timed by the same filter as the pages, and inside the
 * handler around the call itself), the server times of a label, the statement recorder's switch,
 * and the process's CPU time.
 */
final class BenchRoutes {

	static final String PATH = "/bench";

	/**
	 * The suffix of the label under which a call's own time (inside the handler) is kept.
	 */
	static final String CALL_ONLY = " [call only]";

	/**
	 * The runs page's page size ({@code RunsQuery.PAGE_SIZE} of the dashboard, package-private there).
	 */
	static final int RUNS_PAGE_SIZE = 50;

	/**
	 * The line between two recorded statements in {@code /bench/record}'s answer.
	 */
	static final String STATEMENT_SEPARATOR = "-- next statement --";

	private final WorkflowStorage storage;

	private final ServerTimings timings;

	private final SwitchableRecording recording;

	BenchRoutes(WorkflowStorage storage, ServerTimings timings, SwitchableRecording recording) {
		this.storage = storage;
		this.timings = timings;
		this.recording = recording;
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.GET(PATH + "/summaries", this::summaries)
			.GET(PATH + "/events", this::events)
			.GET(PATH + "/timings", this::timings)
			.GET(PATH + "/record", this::record)
			.GET(PATH + "/cpu", this::cpu)
			.build();
	}

	/**
	 * The runs page's storage call for the same query string, as the dashboard's {@code RunsQuery}
	 * builds it: the free text, else the workflow name, as the filter's query; the status; the
	 * cursor; {@value #RUNS_PAGE_SIZE} runs.
	 */
	private ServerResponse summaries(ServerRequest request) {
		String text = request.param("query").or(() -> request.param("workflow")).orElse(null);
		RunStatus status = request.param("status")
			.map((value) -> StoredValue.find(RunStatus.class, value).orElseThrow())
			.orElse(null);
		RunFilter filter = new RunFilter(text, status, null, null, RUNS_PAGE_SIZE, request.param("cursor").orElse(null));
		long start = System.nanoTime();
		RunSummaryPage page = this.storage.listRunSummaries(filter);
		long nanos = System.nanoTime() - start;
		request.headers().header(ServerTimings.LABEL).forEach((label) -> this.timings.add(label + CALL_ONLY, nanos));
		return text(page.runs().size() + " runs");
	}

	/**
	 * The run page's storage call for its timeline: every event of the run.
	 */
	private ServerResponse events(ServerRequest request) {
		String runId = request.param("id").orElseThrow();
		long start = System.nanoTime();
		List<Event> events = this.storage.getEvents(runId);
		long nanos = System.nanoTime() - start;
		request.headers().header(ServerTimings.LABEL).forEach((label) -> this.timings.add(label + CALL_ONLY, nanos));
		return text(events.size() + " events");
	}

	private ServerResponse timings(ServerRequest request) {
		List<Long> taken = this.timings.take(request.param("label").orElseThrow());
		return text(taken.stream().map(String::valueOf).collect(Collectors.joining("\n")));
	}

	/**
	 * {@code on=true} starts recording statements; {@code on=false} stops and answers them, one
	 * per block, blocks separated by a line of {@value #STATEMENT_SEPARATOR}.
	 */
	private ServerResponse record(ServerRequest request) {
		if (Boolean.parseBoolean(request.param("on").orElse("false"))) {
			this.recording.start();
			return text("recording");
		}
		List<RecordedStatement> statements = this.recording.stop();
		return text(statements.stream()
			.map(RecordedStatement::toString)
			.collect(Collectors.joining("\n" + STATEMENT_SEPARATOR + "\n")));
	}

	/**
	 * The process's CPU time so far (every thread: Tomcat's, the pool's, the JIT's and the
	 * collector's) and the collectors' time, as {@code cpuNanos gcMillis}.
	 */
	private ServerResponse cpu(ServerRequest request) {
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
		long gc = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.mapToLong(GarbageCollectorMXBean::getCollectionTime)
			.sum();
		return text(String.format(Locale.ROOT, "%d %d", cpu, gc));
	}

	private static ServerResponse text(String body) {
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(body);
	}

}
