package dev.workflow.storage.dashboard;

import java.net.URI;
import java.time.Instant;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.testing.MutableClock;
import jakarta.servlet.Filter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A dashboard over an in-memory storage with a clock of its own, driven through MockMvc as the
 * application's DispatcherServlet would drive it, and its pages read back as parsed HTML.
 */
final class DashboardMvc {

	/**
	 * The time every test starts at.
	 */
	static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

	final MutableClock clock;

	final WorkflowStorage storage;

	final MockMvc mvc;

	private DashboardMvc(MutableClock clock, WorkflowStorage storage, DashboardSettings settings, Filter... filters) {
		this.clock = clock;
		this.storage = storage;
		this.mvc = MockMvcBuilders.routerFunctions(new WorkflowStorageDashboard(storage, settings, this.clock))
			.addFilters(filters)
			.build();
	}

	/**
	 * A read-only dashboard at {@code /workflows}, as the defaults serve it.
	 * @return the dashboard
	 */
	static DashboardMvc readOnly() {
		return with(DashboardSettings.defaults());
	}

	/**
	 * A dashboard whose actions are on.
	 * @return the dashboard
	 */
	static DashboardMvc withActions() {
		return with(DashboardSettings.defaults().withReadOnly(false));
	}

	static DashboardMvc with(DashboardSettings settings, Filter... filters) {
		MutableClock clock = new MutableClock(NOW);
		return new DashboardMvc(clock, new InMemoryWorkflowStorage(clock), settings, filters);
	}

	/**
	 * A dashboard over another storage (PostgreSQL, say).
	 * @param storage the storage
	 * @param settings the settings
	 * @return the dashboard
	 */
	static DashboardMvc over(WorkflowStorage storage, DashboardSettings settings) {
		return new DashboardMvc(new MutableClock(NOW), storage, settings);
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @return the response
	 */
	MockHttpServletResponse send(RequestBuilder request) {
		try {
			return this.mvc.perform(request).andReturn().getResponse();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * GETs a page that must answer 200 with HTML.
	 * @param url the URL
	 * @return the page
	 */
	Document page(String url) {
		// As a browser follows a link: the URL as written, already encoded.
		return html(send(get(URI.create(url))), 200);
	}

	/**
	 * Reads a response as a page, checking its status and type.
	 * @param response the response
	 * @param status the status it must have
	 * @return the page
	 */
	static Document html(MockHttpServletResponse response, int status) {
		assertThat(response.getStatus()).as("status of a page whose body is %s", body(response)).isEqualTo(status);
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		return Jsoup.parse(body(response));
	}

	static String body(MockHttpServletResponse response) {
		try {
			return response.getContentAsString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
