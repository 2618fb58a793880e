package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunCounts;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The overview: how many runs were created in a window, by status (one {@code countRuns}), and
 * the newest failures of that window (one page of {@code listRunSummaries}).
 */
final class OverviewPage {

	static final int FAILURES_SHOWN = 10;

	private final WorkflowStorage storage;

	private final Pages pages;

	private final Clock clock;

	OverviewPage(WorkflowStorage storage, Pages pages, Clock clock) {
		this.storage = storage;
		this.pages = pages;
		this.clock = clock;
	}

	ServerResponse render(ServerRequest request) {
		OverviewWindow window = OverviewWindow.of(Params.text(request, "window"));
		DashboardLinks links = this.pages.links(request);
		Instant now = this.clock.instant();
		Instant from = now.minus(window.length());
		RunCounts counts = this.storage.countRuns(from, null);
		List<RunRow> failures = this.storage
			.listRunSummaries(new RunFilter(null, RunStatus.FAILED, from, null, FAILURES_SHOWN, null))
			.runs()
			.stream()
			.map((run) -> RunRow.of(run, links, now))
			.toList();
		List<StatusCount> byStatus = Arrays.stream(RunStatus.values())
			.map((status) -> new StatusCount(StatusBadge.of(status), counts.of(status),
					links.runs(RunsQuery.since(status, from).queryString())))
			.toList();
		List<WindowChoice> windows = Arrays.stream(OverviewWindow.values())
			.map((choice) -> new WindowChoice(choice.key(), choice.label(), links.overview(choice.key()),
					choice == window))
			.toList();
		return this.pages.page(request, "overview", "Overview", "overview",
				Map.of("window", window.label(), "windows", windows, "counts", byStatus, "total", counts.total(),
						"allRunsHref", links.runs(RunsQuery.since(null, from).queryString()), "failures", failures,
						"allFailuresHref", links.runs(RunsQuery.since(RunStatus.FAILED, from).queryString()), "from",
						Times.shown(from)));
	}

	/**
	 * The count of one status, linking to those runs.
	 *
	 * @param status the status
	 * @param count how many runs have it
	 * @param href the runs list filtered to them
	 */
	record StatusCount(StatusBadge status, long count, String href) {
	}

	/**
	 * A window to choose.
	 *
	 * @param key its parameter value
	 * @param label its name
	 * @param href the overview of it
	 * @param selected whether it is the one shown
	 */
	record WindowChoice(String key, String label, String href, boolean selected) {
	}

}
