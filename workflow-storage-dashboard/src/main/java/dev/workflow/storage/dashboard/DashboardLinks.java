package dev.workflow.storage.dashboard;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's URLs as one request sees them: below its context path (which a proxy's
 * {@code X-Forwarded-Prefix} extends, through Spring's {@code ForwardedHeaderFilter}) and the
 * configured path, so links work behind a proxy and under a servlet context path alike. Ids
 * travel as query parameters, never as path segments: a stored id may hold any character,
 * a slash included. The links the templates call are public: SpEL finds public methods only.
 *
 * @param base the context path and the dashboard's path, such as {@code /app/workflows}
 */
record DashboardLinks(String base) {

	/**
	 * The links of one request.
	 * @param request the request
	 * @param settings the dashboard's settings
	 * @return the links
	 */
	static DashboardLinks of(HttpServletRequest request, DashboardSettings settings) {
		return new DashboardLinks(request.getContextPath() + settings.path());
	}

	public String overview() {
		return this.base;
	}

	String overview(String window) {
		return this.base + new QueryString().add("window", window);
	}

	public String runs() {
		return this.base + "/runs";
	}

	String runs(String queryString) {
		return runs() + queryString;
	}

	String runRows(String queryString) {
		return runs() + "/rows" + queryString;
	}

	public String lookup() {
		return this.base + "/lookup";
	}

	public String runPage() {
		return this.base + "/run";
	}

	public String run(String runId) {
		return this.base + "/run" + new QueryString().add("id", runId);
	}

	/**
	 * A page of a run's timeline.
	 * @param runId the run's id
	 * @param types the event types shown, none for all
	 * @param fromSequence the lowest sequence shown, or {@code null} for the first page
	 * @return the link
	 */
	String run(String runId, List<String> types, @Nullable Integer fromSequence) {
		return this.base + "/run"
				+ new QueryString().add("id", runId).addAll("type", types).add("from", fromSequence) + "#timeline";
	}

	String runPoll(String runId, List<String> types) {
		return this.base + "/run/poll" + new QueryString().add("id", runId).addAll("type", types);
	}

	String cancelRun() {
		return this.base + "/run/cancel";
	}

	String runValue(String runId, String field) {
		return this.base + "/raw" + new QueryString().add("run", runId).add("field", field);
	}

	String eventData(String runId, int sequence) {
		return this.base + "/raw" + new QueryString().add("run", runId).add("event", sequence);
	}

	String stepValue(String runId, String stepId, String field) {
		return this.base + "/raw" + new QueryString().add("run", runId).add("step", stepId).add("field", field);
	}

	String hookPayload(String runId, String hookId) {
		return this.base + "/raw" + new QueryString().add("run", runId).add("hook", hookId);
	}

	String signalPayload(String streamId, int sequence, String signalId) {
		return this.base + "/raw"
				+ new QueryString().add("stream", streamId).add("sequence", sequence).add("signal", signalId);
	}

	public String schedules() {
		return this.base + "/schedules";
	}

	String schedules(String queryString) {
		return schedules() + queryString;
	}

	String pauseSchedule() {
		return this.base + "/schedule/pause";
	}

	String resumeSchedule() {
		return this.base + "/schedule/resume";
	}

	public String streams() {
		return this.base + "/streams";
	}

	String stream(String streamId) {
		return streams() + new QueryString().add("id", streamId);
	}

	String stream(String streamId, int fromSequence, int skip) {
		return streams()
				+ new QueryString().add("id", streamId).add("from", fromSequence).add("skip", (skip > 0) ? skip : null);
	}

	String asset(String name, String version) {
		return this.base + "/assets/" + name + new QueryString().add("v", version);
	}

}
