package dev.workflow.storage.dashboard;

import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Renders dashboard pages: a template, the values of the page, and the frame every page shares
 * (links, assets, read-only switch, polling interval, CSRF token).
 */
final class Pages {

	private final DashboardSettings settings;

	private final DashboardTemplates templates;

	private final DashboardAssets assets;

	Pages(DashboardSettings settings, DashboardTemplates templates, DashboardAssets assets) {
		this.settings = settings;
		this.templates = templates;
		this.assets = assets;
	}

	DashboardSettings settings() {
		return this.settings;
	}

	DashboardLinks links(ServerRequest request) {
		return DashboardLinks.of(request.servletRequest(), this.settings);
	}

	/**
	 * Renders a page.
	 * @param request the request
	 * @param status the response status
	 * @param template the template
	 * @param title the page's title
	 * @param section the navigation entry to highlight
	 * @param values the page's own values
	 * @return the response
	 */
	ServerResponse page(ServerRequest request, HttpStatusCode status, String template, String title, String section,
			Map<String, Object> values) {
		return Responses.html(status, this.templates.page(template, model(request, title, section, values)));
	}

	ServerResponse page(ServerRequest request, String template, String title, String section,
			Map<String, Object> values) {
		return page(request, HttpStatus.OK, template, title, section, values);
	}

	/**
	 * Renders one fragment of a page, as its live update swaps it in.
	 * @param request the request
	 * @param template the template
	 * @param fragment the fragment
	 * @param values the page's own values
	 * @return the response
	 */
	ServerResponse fragment(ServerRequest request, String template, String fragment, Map<String, Object> values) {
		return Responses.html(HttpStatus.OK,
				this.templates.fragment(template, fragment, model(request, "", "", values)));
	}

	/**
	 * A page that says what went wrong.
	 * @param request the request
	 * @param status the status
	 * @param message the sentence shown
	 * @return the response
	 */
	ServerResponse problem(ServerRequest request, HttpStatusCode status, String message) {
		String title = (status.value() == 404) ? "Not found" : "Cannot show this";
		return page(request, status, "problem", title, "", Map.of("message", message, "status", status.value()));
	}

	private Map<String, Object> model(ServerRequest request, String title, String section,
			Map<String, Object> values) {
		DashboardLinks links = links(request);
		Map<String, Object> model = new HashMap<>(values);
		model.put("frame",
				new PageFrame(title, section, links, this.settings.readOnly(),
						this.settings.refreshInterval().toMillis(), SpringSecurityCsrf.of(request.servletRequest()),
						links.asset(DashboardAssets.STYLE, this.assets.version(DashboardAssets.STYLE)),
						links.asset(DashboardAssets.SCRIPT, this.assets.version(DashboardAssets.SCRIPT)),
						links.asset(DashboardAssets.ICON, this.assets.version(DashboardAssets.ICON))));
		model.put("links", links);
		return model;
	}

}
