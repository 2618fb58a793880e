package dev.workflow.storage.dashboard;

import java.util.regex.Pattern;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Links, redirects, assets and the script's URLs are built from the request's context path and
 * the configured path, so the dashboard works under a servlet context path, behind a proxy that
 * sends {@code X-Forwarded-Prefix} (through Spring's {@code ForwardedHeaderFilter}, which Boot
 * adds with {@code server.forward-headers-strategy=framework}), and at a path of one's own.
 */
class DashboardLinksTests {

	@Test
	void whenServedUnderAContextPathShouldPrefixEveryLinkWithIt() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		String runId = running(dashboard);
		Document page = DashboardMvc.html(dashboard.send(get("/app/workflows/run").contextPath("/app").param("id", runId)), 200);
		assertEveryUrlStartsWith(page, "/app/workflows");
		assertThat(page.selectFirst("[data-test=nav-runs]").attr("href")).isEqualTo("/app/workflows/runs");
		assertThat(page.selectFirst("#cancel-run").attr("data-action-href")).isEqualTo("/app/workflows/run/cancel");
		assertThat(page.selectFirst("#lookup-form").attr("action")).isEqualTo("/app/workflows/lookup");
		MockHttpServletResponse lookup = dashboard.send(get("/app/workflows/lookup").contextPath("/app").param("key", runId));
		assertThat(lookup.getHeader("Location")).isEqualTo("/app/workflows/run?id=" + runId);
	}

	@Test
	void whenBehindAProxyWithAForwardedPrefixShouldPrefixEveryLinkWithIt() {
		DashboardMvc dashboard = DashboardMvc.with(DashboardSettings.defaults(), new ForwardedHeaderFilter());
		String runId = running(dashboard);
		Document page = DashboardMvc.html(dashboard.send(get("/app/workflows/run").contextPath("/app")
			.param("id", runId)
			.header("X-Forwarded-Prefix", "/ops")), 200);
		// The proxy's prefix stands for the context path (the proxy maps /ops to the server's /app).
		assertEveryUrlStartsWith(page, "/ops/workflows");
		assertThat(page.selectFirst("#timeline").attr("data-poll-href")).startsWith("/ops/workflows/run/poll?id=");
		Document runs = DashboardMvc.html(dashboard.send(get("/workflows/runs").header("X-Forwarded-Prefix", "/ops")), 200);
		assertThat(runs.selectFirst("#runs-rows").attr("data-live-href")).isEqualTo("/ops/workflows/runs/rows");
		assertThat(runs.selectFirst("[data-test=run-link]").attr("href")).isEqualTo("/ops/workflows/run?id=" + runId);
	}

	@Test
	void whenMountedAtAPathOfItsOwnShouldAnswerThereOnly() {
		DashboardMvc dashboard = DashboardMvc.with(DashboardSettings.defaults().withPath("ops/runs-browser/"));
		String runId = running(dashboard);
		Document page = dashboard.page("/ops/runs-browser/runs");
		assertEveryUrlStartsWith(page, "/ops/runs-browser");
		assertThat(page.selectFirst("[data-test=run-link]").attr("href")).isEqualTo("/ops/runs-browser/run?id=" + runId);
		assertThat(dashboard.send(get("/workflows/runs")).getStatus()).isEqualTo(404);
	}

	@Test
	void whenThePathNeedsEncodingShouldRefuseIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> DashboardSettings.defaults().withPath("/work flows"))
			.withMessageContaining("\"/work flows\"");
		assertThatIllegalArgumentException().isThrownBy(() -> DashboardSettings.defaults().withPath("/"));
	}

	@Test
	void whenTheOverviewIsAskedForWithATrailingSlashShouldAnswerToo() {
		DashboardMvc dashboard = DashboardMvc.readOnly();
		assertThat(dashboard.page("/workflows/").selectFirst("[data-test=overview-page]")).isNotNull();
	}

	private static void assertEveryUrlStartsWith(Document page, String prefix) {
		for (Element element : page.select("[src], [href], [action], [data-action-href], [data-poll-href], [data-live-href]")) {
			for (String attribute : new String[] { "src", "href", "action", "data-action-href", "data-poll-href", "data-live-href" }) {
				if (element.hasAttr(attribute) && !element.attr(attribute).isEmpty()) {
					assertThat(element.attr(attribute)).as(element.outerHtml()).matches(Pattern.quote(prefix) + "([/?#].*)?");
				}
			}
		}
	}

	private static String running(DashboardMvc dashboard) {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		dashboard.storage.createRun(run);
		return run.runId();
	}

}
