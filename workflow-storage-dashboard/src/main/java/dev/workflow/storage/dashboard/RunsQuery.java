package dev.workflow.storage.dashboard;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.RunSummary;
import dev.workflow.storage.model.StoredValue;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The runs list's filters, as its query string carries them: status, workflow name, a window of
 * creation times, free text (a substring of the workflow name or the input kwargs, as
 * pyworkflow's {@code list_runs} matches it), and the keyset cursor of the page.
 *
 * @param status only runs with this status
 * @param workflow only runs of exactly this workflow
 * @param from only runs created at or after this time
 * @param to only runs created before this time
 * @param query the free text
 * @param cursor the cursor of the page, none for the first
 */
record RunsQuery(@Nullable RunStatus status, @Nullable String workflow, @Nullable Instant from, @Nullable Instant to,
		@Nullable String query, @Nullable String cursor) {

	/**
	 * Runs a page shows.
	 */
	static final int PAGE_SIZE = 50;

	static RunsQuery of(ServerRequest request) {
		return new RunsQuery(status(Params.text(request, "status")), Params.text(request, "workflow"),
				Params.instant(request, "from"), Params.instant(request, "to"), Params.text(request, "query"),
				Params.id(request, "cursor"));
	}

	static RunsQuery none() {
		return new RunsQuery(null, null, null, null, null, null);
	}

	/**
	 * Runs created since a time, with a status or any.
	 * @param status the status, or {@code null}
	 * @param from the time
	 * @return the query
	 */
	static RunsQuery since(@Nullable RunStatus status, Instant from) {
		return new RunsQuery(status, null, from, null, null, null);
	}

	/**
	 * The storage's filter for this page. The storage filters on free text, not on a workflow
	 * name: a workflow alone narrows the listing as free text (pyworkflow's ILIKE, read in full; no index serves it),
	 * and {@link #matches} keeps the runs of exactly that workflow. A page may then hold fewer
	 * runs than its size; its cursor still leads on.
	 * @return the filter
	 */
	RunFilter toFilter() {
		String text = (this.query != null) ? this.query : this.workflow;
		return new RunFilter(text, this.status, this.from, this.to, PAGE_SIZE, this.cursor);
	}

	boolean matches(RunSummary run) {
		return this.workflow == null || this.workflow.equals(run.workflowName());
	}

	/**
	 * The query string of these filters, without the cursor: the first page.
	 * @return the query string, with its {@code ?}, or empty
	 */
	String queryString() {
		return filters().toString();
	}

	/**
	 * The query string of these filters at a cursor.
	 * @param cursor the cursor
	 * @return the query string
	 */
	String queryString(@Nullable String cursor) {
		return filters().add("cursor", cursor).toString();
	}

	/**
	 * This page's own query string, cursor included, as its live update polls it.
	 * @return the query string
	 */
	String pageQueryString() {
		return queryString(this.cursor);
	}

	boolean filtered() {
		return this.status != null || this.workflow != null || this.from != null || this.to != null
				|| this.query != null;
	}

	public String statusValue() {
		return (this.status != null) ? this.status.value() : "";
	}

	public String fromInput() {
		return Params.localInput(this.from);
	}

	public String toInput() {
		return Params.localInput(this.to);
	}

	private QueryString filters() {
		return new QueryString().add("status", statusValue())
			.add("workflow", this.workflow)
			.add("from", (this.from != null) ? this.from.toString() : null)
			.add("to", (this.to != null) ? this.to.toString() : null)
			.add("query", this.query);
	}

	private static @Nullable RunStatus status(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Optional<RunStatus> status = StoredValue.find(RunStatus.class, value.toLowerCase(Locale.ROOT));
		return status.orElseThrow(() -> DashboardProblem.badRequest("There is no run status \"" + value + "\"."));
	}

}
