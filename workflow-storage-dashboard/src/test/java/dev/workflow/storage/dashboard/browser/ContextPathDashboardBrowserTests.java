package dev.workflow.storage.dashboard.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.workflow.storage.dashboard.browser.HeadlessChromium.Network;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard of an application under a servlet context path: every link, form, asset and
 * script endpoint of every page points below it and answers, and a click through the pages and
 * a cancel work there.
 */
@SpringBootTest(classes = BrowserTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { BrowserTestApplication.WITHOUT_SECURITY, "pyworkflow.storage.type=memory",
				"server.servlet.context-path=/ops", "pyworkflow.storage.dashboard.read-only=false",
				"pyworkflow.storage.dashboard.refresh-interval=200ms" })
class ContextPathDashboardBrowserTests extends BrowserTestSupport {

	// Every URL a page holds: links, forms, assets, and the endpoints its script calls.
	private static final String URLS_OF_THE_PAGE = """
			const urls = [];
			document.querySelectorAll('a[href]').forEach((a) => urls.push('GET ' + a.href));
			document.querySelectorAll('link[href]').forEach((l) => urls.push('GET ' + l.href));
			document.querySelectorAll('script[src]').forEach((s) => urls.push('GET ' + s.src));
			document.querySelectorAll('img[src]').forEach((i) => urls.push('GET ' + i.src));
			document.querySelectorAll('form').forEach((f) => urls.push('FORM ' + f.action));
			document.querySelectorAll('[data-poll-href]').forEach((e) => urls.push('POLL '
				+ new URL(e.getAttribute('data-poll-href') + '&after=-1', location.href).href));
			document.querySelectorAll('[data-live-href]').forEach((e) => urls.push('GET '
				+ new URL(e.getAttribute('data-live-href'), location.href).href));
			document.querySelectorAll('[data-action-href]').forEach((e) => urls.push('POST '
				+ new URL(e.getAttribute('data-action-href'), location.href).href));
			return urls;
			""";

	private final HttpClient http = HttpClient.newHttpClient();

	@Override
	String contextPath() {
		return "/ops";
	}

	@Test
	void everyLinkFormAssetAndEndpointOfEveryPageIsBelowTheContextPathAndAnswers() throws Exception {
		String parent = createRun(run("parent-" + uid(), "orders").status(RunStatus.RUNNING)
			.idempotencyKey("order-" + uid()));
		String child = createRun(run("child-" + uid(), "ship_order").status(RunStatus.COMPLETED)
			.parentRunId(parent)
			.nestingDepth(1));
		// Data past the page's cut, so that the page links to all of it.
		this.storage.recordEvent(Event.of(parent + "-big", parent, "step.completed", Instant.now(),
				"{\"result\": \"" + "x".repeat(40_000) + "\"}"));
		this.storage.recordEvent(event(parent, 1, "step.started"));

		Set<String> urls = new LinkedHashSet<>();
		for (String page : List.of("", "/runs", "/runs?status=running", "/run?id=" + parent, "/run?id=" + child,
				"/schedules", "/streams")) {
			open(page);
			@SuppressWarnings("unchecked")
			List<String> found = (List<String>) browser.script(URLS_OF_THE_PAGE);
			urls.addAll(found);
		}
		assertThat(urls).anyMatch((url) -> url.contains("/assets/dashboard.css"))
			.anyMatch((url) -> url.contains("/raw?"))
			.anyMatch((url) -> url.startsWith("POLL "))
			.anyMatch((url) -> url.startsWith("POST "));
		for (String entry : urls) {
			String kind = entry.substring(0, entry.indexOf(' '));
			URI url = URI.create(entry.substring(entry.indexOf(' ') + 1));
			assertThat(url.getScheme() + "://" + url.getAuthority()).as(entry).isEqualTo(origin());
			assertThat(url.getRawPath()).as(entry).startsWith("/ops/workflows");
			if (kind.equals("GET") || kind.equals("POLL")) {
				assertThat(get(url)).as(entry).isEqualTo(200);
			}
		}
	}

	@Test
	void clicksThroughThePagesAndCancelsARunBelowTheContextPath() {
		String runId = createRun(run("click-" + uid(), "orders").status(RunStatus.RUNNING));
		this.storage.recordEvent(event(runId, 0, "workflow.started"));

		browser.open(origin() + "/ops/workflows");
		browser.find("nav-runs").click();
		browser.waitFor(ExpectedConditions.urlToBe(origin() + "/ops/workflows/runs"));
		browser.all("run-link").stream().filter((link) -> link.getText().equals(runId)).findFirst().orElseThrow().click();
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), runId));
		assertStyled();
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));

		browser.find("cancel-run").click();
		browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
		browser.waitFor(ExpectedConditions.attributeToBe(HeadlessChromium.byTest("cancel-flag"), "data-requested", "true"));
		assertThat(this.storage.checkCancellationFlag(runId)).isTrue();

		Network network = browser.network();
		assertThat(network.requests()).filteredOn((request) -> request.origin().equals(origin()))
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.path()).startsWith("/ops/workflows"));
		assertThat(network.responses()).isNotEmpty()
			.allSatisfy((response) -> assertThat(response.status()).as(response.url()).isEqualTo(200));
	}

	private int get(URI url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
