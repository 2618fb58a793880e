package dev.workflow.storage.dashboard;

import java.util.List;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every dashboard response, errors included, carries a Content-Security-Policy that lets a page
 * load and contact its own origin only, with no inline script or style, plus {@code nosniff} and
 * a same-origin referrer policy; and the pages need nothing the policy forbids.
 */
class SecurityHeadersTests {

	private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'";

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenAnyDashboardUrlAnswersShouldSendThePolicyNosniffAndReferrerPolicy() {
		String runId = running();
		List<RequestBuilder> requests = List.of(get("/workflows"), get("/workflows/runs"), get("/workflows/runs/rows"),
				get("/workflows/run").param("id", runId), get("/workflows/run/poll").param("id", runId),
				get("/workflows/raw").param("run", runId).param("field", "context"), get("/workflows/schedules"),
				get("/workflows/streams"), get("/workflows/assets/dashboard.js"), get("/workflows/assets/nope.js"),
				get("/workflows/run").param("id", "missing"), get("/workflows/runs").param("status", "bad"),
				get("/workflows/lookup").param("key", runId), post("/workflows/run/cancel").param("id", runId),
				get("/workflows/run/cancel"));
		for (RequestBuilder request : requests) {
			MockHttpServletResponse response = this.dashboard.send(request);
			String what = response.getStatus() + " " + response.getContentType();
			assertThat(response.getHeader("Content-Security-Policy")).as(what).isEqualTo(POLICY);
			assertThat(response.getHeader("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
			assertThat(response.getHeader("Referrer-Policy")).as(what).isEqualTo("same-origin");
		}
	}

	@Test
	void whenAPageIsRenderedShouldUseNoInlineScriptOrStyleAndNothingFromAnotherHost() {
		String runId = running();
		for (String url : new String[] { "/workflows", "/workflows/runs", "/workflows/run?id=" + runId,
				"/workflows/schedules", "/workflows/streams?id=s" }) {
			Document page = this.dashboard.page(url);
			assertThat(page.select("style")).as(url).isEmpty();
			assertThat(page.select("[style]")).as(url).isEmpty();
			assertThat(page.select("script")).as(url).hasSize(1)
				.allSatisfy((script) -> assertThat(script.data()).isEmpty());
			for (Element element : page.select("[src], [href], [action]")) {
				String target = element.hasAttr("src") ? element.attr("src")
						: element.hasAttr("href") ? element.attr("href") : element.attr("action");
				if (!target.isEmpty()) {
					assertThat(target).as(url + ": " + element.outerHtml()).startsWith("/workflows");
				}
			}
			for (Element element : page.getAllElements()) {
				assertThat(element.attributes().asList()).as(url)
					.noneMatch((attribute) -> attribute.getKey().startsWith("on"));
			}
		}
	}

	@Test
	void whenAnAssetIsAskedForByItsVersionShouldLetBrowsersCacheItForAYear() {
		Document page = this.dashboard.page("/workflows/runs");
		String script = page.selectFirst("script").attr("src");
		assertThat(script).matches("/workflows/assets/dashboard\\.js\\?v=[0-9a-f]{12}");
		MockHttpServletResponse response = this.dashboard.send(get(script));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("text/javascript;charset=UTF-8");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
		MockHttpServletResponse again = this.dashboard
			.send(get(script).header("If-None-Match", response.getHeader("ETag")));
		assertThat(again.getStatus()).isEqualTo(304);
		String style = page.selectFirst("link[rel=stylesheet]").attr("href");
		assertThat(this.dashboard.send(get(style)).getContentType()).isEqualTo("text/css;charset=UTF-8");
		assertThat(this.dashboard.send(get("/workflows/assets/dashboard.js")).getHeader("Cache-Control")).isEqualTo("no-cache");
	}

	@Test
	void whenAnAssetIsNotTheDashboardsOwnShouldAnswerNotFound() {
		assertThat(this.dashboard.send(get("/workflows/assets/layout.html")).getStatus()).isEqualTo(404);
		assertThat(this.dashboard.send(get("/workflows/assets/..%2Ftemplates%2Flayout.html")).getStatus()).isEqualTo(404);
	}

	@Test
	void whenAPageIsRenderedShouldNotBeCached() {
		assertThat(this.dashboard.send(get("/workflows/runs")).getHeader("Cache-Control")).isEqualTo("no-store");
	}

	private String running() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		this.dashboard.storage.createRun(run);
		return run.runId();
	}

}
