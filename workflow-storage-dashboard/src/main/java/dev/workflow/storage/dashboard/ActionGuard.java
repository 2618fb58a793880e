package dev.workflow.storage.dashboard;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * Decides whether an action request may change anything: never when the dashboard is
 * read-only; otherwise only when sent by the dashboard's own script, which adds
 * {@value #HEADER}{@code : 1}. A cross-site form cannot add a header, and a cross-site script
 * cannot send one without a CORS preflight that this application does not answer, so the
 * header alone stops cross-site request forgery without Spring Security; a browser's
 * {@code Sec-Fetch-Site}, when present, must say {@code same-origin} as well. With Spring
 * Security, its CSRF filter checks its own token before this.
 */
final class ActionGuard {

	/**
	 * The header the dashboard's script sends with every action.
	 */
	static final String HEADER = "X-Workflow-Dashboard";

	private final boolean readOnly;

	ActionGuard(boolean readOnly) {
		this.readOnly = readOnly;
	}

	/**
	 * Why the request may not act.
	 * @param request the request
	 * @return the reason, or {@code null} when it may
	 */
	@Nullable String refusal(ServerRequest request) {
		if (this.readOnly) {
			return "The dashboard is read-only: set pyworkflow.storage.dashboard.read-only=false to allow actions.";
		}
		if (!"1".equals(request.headers().firstHeader(HEADER))) {
			return "Actions are sent by the dashboard's own page (the " + HEADER + " header is missing).";
		}
		String site = request.headers().firstHeader("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin")) {
			return "Actions are only taken from the dashboard's own origin (Sec-Fetch-Site: " + site + ").";
		}
		return null;
	}

}
