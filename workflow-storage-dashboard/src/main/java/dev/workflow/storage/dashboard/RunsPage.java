package dev.workflow.storage.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummaryPage;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The runs list: filtered, newest first, one page of {@code listRunSummaries} (which reads no
 * unbounded column) per request and keyset-paged by its cursor; the rows alone for the list's
 * live update; and the lookup of a run by id or idempotency key.
 */
final class RunsPage {

	private final WorkflowStorage storage;

	private final Pages pages;

	private final Clock clock;

	RunsPage(WorkflowStorage storage, Pages pages, Clock clock) {
		this.storage = storage;
		this.pages = pages;
		this.clock = clock;
	}

	ServerResponse render(ServerRequest request) {
		RunsQuery query = RunsQuery.of(request);
		return this.pages.page(request, "runs", "Runs", "runs", values(request, query, null, null));
	}

	/**
	 * The rows of the list as the page's live update swaps them in, for the same query string.
	 * @param request the request
	 * @return the {@code tbody} fragment
	 */
	ServerResponse rows(ServerRequest request) {
		RunsQuery query = RunsQuery.of(request);
		return this.pages.fragment(request, "runs", "rows", values(request, query, null, null));
	}

	/**
	 * Goes to the run with the id or idempotency key given, else shows the list saying none has it.
	 * @param request the request, its {@code key} the id or key
	 * @return a redirect to the run, or the list with a notice
	 */
	ServerResponse lookup(ServerRequest request) {
		DashboardLinks links = this.pages.links(request);
		String key = Params.text(request, "key");
		if (key == null) {
			return Responses.seeOther(links.runs());
		}
		Optional<WorkflowRun> run = find(key);
		if (run.isPresent()) {
			return Responses.seeOther(links.run(run.get().runId()));
		}
		return this.pages.page(request, HttpStatus.NOT_FOUND, "runs", "Runs", "runs",
				values(request, RunsQuery.none(), "No run has the id or idempotency key \u201c" + key + "\u201d.", key));
	}

	private Optional<WorkflowRun> find(String key) {
		try {
			Optional<WorkflowRun> byId = this.storage.getRun(key);
			return byId.isPresent() ? byId : this.storage.getRunByIdempotencyKey(key);
		}
		catch (InvalidInputException ex) {
			// Text no id or key can be (too long, a NUL): no run has it.
			return Optional.empty();
		}
	}

	private Map<String, Object> values(ServerRequest request, RunsQuery query, @Nullable String notice,
			@Nullable String lookupKey) {
		DashboardLinks links = this.pages.links(request);
		Instant now = this.clock.instant();
		RunSummaryPage page = this.storage.listRunSummaries(query.toFilter());
		List<RunRow> rows = page.runs()
			.stream()
			.filter(query::matches)
			.map((run) -> RunRow.of(run, links, now))
			.toList();
		Map<String, Object> values = new HashMap<>();
		values.put("query", query);
		values.put("statuses", Arrays.stream(RunStatus.values()).map(StatusBadge::of).toList());
		values.put("rows", rows);
		values.put("nextHref", page.nextCursor().map((cursor) -> links.runs(query.queryString(cursor))).orElse(""));
		values.put("firstHref", (query.cursor() != null) ? links.runs(query.queryString()) : "");
		values.put("clearHref", query.filtered() ? links.runs() : "");
		values.put("rowsHref", links.runRows(query.pageQueryString()));
		values.put("notice", (notice != null) ? notice : "");
		values.put("lookupKey", (lookupKey != null) ? lookupKey : "");
		return values;
	}

}
