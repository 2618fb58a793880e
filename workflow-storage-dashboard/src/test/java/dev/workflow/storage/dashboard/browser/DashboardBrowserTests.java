package dev.workflow.storage.dashboard.browser;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.workflow.storage.dashboard.browser.HeadlessChromium.Network;
import dev.workflow.storage.dashboard.browser.HeadlessChromium.Request;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real Chromium, against the application on a random port, actions allowed
 * and live updates polling every 200 ms: filters and paging, lookups, the timeline, navigation
 * between related runs, a cancel, live updates, stored markup shown as text, and (after every
 * test) no request to any other origin. Each backend runs it as a subclass; one browser serves
 * a whole class.
 */
@SpringBootTest(classes = BrowserTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { BrowserTestApplication.WITHOUT_SECURITY, "pyworkflow.storage.dashboard.read-only=false",
				"pyworkflow.storage.dashboard.refresh-interval=200ms" })
abstract class DashboardBrowserTests extends BrowserTestSupport {

	@Test
	void filtersByStatusAndWorkflowAndPagesWithTheFiltersInTheUrl() {
		String workflow = "paging_" + uid();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		List<String> failed = new ArrayList<>();
		for (int i = 0; i < 61; i++) {
			RunStatus status = (i % 10 == 3) ? RunStatus.COMPLETED : RunStatus.FAILED;
			String runId = createRun(run(workflow + "-" + i, workflow).status(status)
				.createdAt(now.minus(i, ChronoUnit.MINUTES))
				.error((status == RunStatus.FAILED) ? "ValueError: attempt " + i : null));
			if (status == RunStatus.FAILED) {
				failed.add(runId);
			}
		}
		// Failed runs of a workflow whose name contains the other's, among them in time.
		for (int i = 0; i < 3; i++) {
			createRun(run("other-" + i + "-" + uid(), workflow + "_other").status(RunStatus.FAILED)
				.createdAt(now.minus(20 + i, ChronoUnit.MINUTES).plusSeconds(30)));
		}

		open("/runs");
		new Select(browser.find("filter-status")).selectByValue("failed");
		browser.find("filter-workflow").sendKeys(workflow);
		browser.find("filter-apply").click();
		browser.waitFor(ExpectedConditions.urlContains("status=failed"));
		assertThat(browser.url()).contains("workflow=" + workflow);

		List<List<String>> pages = new ArrayList<>();
		List<String> pageUrls = new ArrayList<>();
		while (true) {
			pageUrls.add(browser.url());
			List<WebElement> rows = browser.all("run-row");
			assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(50);
			assertThat(rows).allSatisfy((row) -> {
				assertThat(row.getAttribute("data-status")).isEqualTo("failed");
				assertThat(row.findElement(HeadlessChromium.byTest("run-workflow")).getText()).isEqualTo(workflow);
			});
			pages.add(runIds(rows));
			WebElement next = browser.find("runs-next");
			if (!next.isDisplayed()) {
				break;
			}
			String before = browser.url();
			next.click();
			browser.waitFor(ExpectedConditions.not(ExpectedConditions.urlToBe(before)));
			assertThat(browser.url()).contains("status=failed", "workflow=" + workflow, "cursor=");
		}
		assertThat(pages).hasSizeGreaterThan(1);
		assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(failed);

		// A page's URL, opened anew, shows the same page with the same filters.
		open("/runs");
		browser.open(pageUrls.get(1));
		assertThat(runIds(browser.all("run-row"))).isEqualTo(pages.get(1));
		assertThat(new Select(browser.find("filter-status")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("failed");
		assertThat(browser.find("filter-workflow").getAttribute("value")).isEqualTo(workflow);
	}

	@Test
	void filtersByFreeTextInTheInput() {
		String customer = "acme-" + uid();
		String first = createRun(run("text-1-" + uid(), "invoice").inputKwargs("{\"customer\": \"" + customer + "\"}"));
		String second = createRun(run("text-2-" + uid(), "refund").inputKwargs("{\"customer\": \"" + customer + "\"}")
			.createdAt(Instant.now().minusSeconds(5)));
		createRun(run("text-3-" + uid(), "invoice").inputKwargs("{\"customer\": \"globex-" + uid() + "\"}"));

		open("/runs");
		browser.find("filter-query").sendKeys(customer);
		browser.find("filter-apply").click();
		browser.waitFor(ExpectedConditions.urlContains("query=" + customer));

		assertThat(runIds(browser.all("run-row"))).containsExactly(first, second);
		assertThat(browser.find("filter-query").getAttribute("value")).isEqualTo(customer);
	}

	@Test
	void cutsALongErrorSoThatTheRunsTableFitsItsPanel() {
		String workflow = "long_error_" + uid();
		Instant created = Instant.now().minusSeconds(90);
		// Every column filled, as a failed run's row is: the error gets what the others leave.
		createRun(run("run_" + uid() + "3f2a9c7d41e8", workflow).status(RunStatus.FAILED)
			.createdAt(created)
			.startedAt(created.plusSeconds(1))
			.completedAt(created.plusSeconds(57))
			.error("PaymentGatewayError: " + "the gateway answered 502 Bad Gateway; ".repeat(12)));

		open("/runs?workflow=" + workflow);
		assertThat(browser.all("run-row")).hasSize(1);
		// The table is not wider than its panel (which would scroll sideways), and the error
		// cell ends in an ellipsis instead.
		assertThat(browser.script("const table = document.getElementById('runs-table');"
				+ "return table.scrollWidth - table.parentElement.clientWidth;"))
			.isEqualTo(0L);
		assertThat(browser.script("const cell = document.querySelector('#runs-rows .error-cell');"
				+ "return cell.scrollWidth > cell.clientWidth;"))
			.isEqualTo(true);
	}

	@Test
	void looksUpARunByIdempotencyKeyAndById() {
		String key = "order-" + uid();
		String runId = createRun(run("lookup-" + uid(), "checkout").idempotencyKey(key));

		open("/runs");
		lookUp(key);
		browser.waitFor(ExpectedConditions.urlContains("/run?id="));
		assertThat(browser.find("run-id").getText()).isEqualTo(runId);
		assertThat(browser.find("run-idempotency-key").getText()).isEqualTo(key);

		lookUp(runId);
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), runId));
		assertThat(browser.url()).endsWith("/run?id=" + runId);

		lookUp("no-such-" + uid());
		browser.waitFor(ExpectedConditions.urlContains("/lookup?key=no-such-" + uid()));
		assertThat(browser.find("notice").getText()).contains("no-such-" + uid());
		assertThat(browser.find("lookup-key").getAttribute("value")).isEqualTo("no-such-" + uid());
		assertThat(browser.network().responses()).anySatisfy((response) -> {
			assertThat(response.url()).endsWith("/lookup?key=no-such-" + uid());
			assertThat(response.status()).isEqualTo(404);
		});
	}

	@Test
	void showsTheTimelineInSequenceOrderAndFiltersItByType() {
		String runId = createRun(run("timeline-" + uid(), "timeline").status(RunStatus.COMPLETED));
		List<String> types = List.of("workflow.started", "step.started", "step.completed", "step.started",
				"step.completed", "sleep.started", "sleep.completed", "workflow.completed");
		Instant start = Instant.now();
		List<Integer> sequences = new ArrayList<>();
		for (int i = 0; i < types.size(); i++) {
			// Later events carry earlier times: the page must order by sequence, not by time.
			sequences.add(this.storage.recordEvent(Event.of("timeline-" + uid() + "-" + i, runId, types.get(i),
					start.minusSeconds(i), "{\"index\": " + i + "}")));
		}

		open("/run?id=" + runId);
		List<WebElement> rows = browser.all("event-row");
		assertThat(rows.stream().map((row) -> Integer.valueOf(row.getAttribute("data-sequence"))).toList())
			.containsExactlyElementsOf(sequences)
			.isSorted();
		assertThat(rows.stream().map((row) -> row.getAttribute("data-type")).toList()).containsExactlyElementsOf(types);
		assertThat(browser.find("event-count").getText()).isEqualTo("(8)");

		new Select(browser.find("event-type")).selectByValue("step.completed");
		browser.find("event-type-apply").click();
		browser.waitFor(ExpectedConditions.urlContains("type=step.completed"));
		assertThat(browser.all("event-row").stream().map((row) -> Integer.valueOf(row.getAttribute("data-sequence"))))
			.containsExactly(sequences.get(2), sequences.get(4));
		assertThat(browser.find("event-count").getText()).isEqualTo("(2)");
		assertThat(new Select(browser.find("event-type")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("step.completed");
	}

	@Test
	void opensARunOfTenThousandEventsOnePageAtATime() {
		String runId = createRun(run("big-" + uid(), "big").status(RunStatus.COMPLETED));
		Instant start = Instant.now();
		List<Event> events = IntStream.range(0, 10_000)
			.mapToObj((i) -> Event.of("big-" + uid() + "-" + i, runId, "step.completed", start.plusMillis(i),
					"{\"step_id\": \"s" + i + "\"}"))
			.toList();
		List<Integer> sequences = this.storage.recordEvents(runId, events);

		open("/run?id=" + runId);
		List<WebElement> rows = browser.all("event-row");
		assertThat(rows).hasSize(500);
		assertThat(rows.get(0).getAttribute("data-sequence")).isEqualTo(String.valueOf(sequences.get(0)));
		assertThat(browser.find("event-count").getText()).isEqualTo("(10000)");

		browser.find("timeline-last").click();
		browser.waitFor(ExpectedConditions.urlContains("from="));
		List<WebElement> last = browser.all("event-row");
		assertThat(last).hasSize(500);
		assertThat(last.get(last.size() - 1).getAttribute("data-sequence"))
			.isEqualTo(String.valueOf(sequences.get(sequences.size() - 1)));
	}

	@Test
	void navigatesFromParentToChildToItsContinuationAndBack() {
		String parent = createRun(run("parent-" + uid(), "orders").status(RunStatus.RUNNING));
		String child = createRun(run("child-" + uid(), "ship_order").status(RunStatus.CONTINUED_AS_NEW)
			.parentRunId(parent)
			.nestingDepth(1));
		String continued = createRun(run("continued-" + uid(), "ship_order").status(RunStatus.RUNNING)
			.continuedFromRunId(child));
		this.storage.updateRunContinuation(child, continued);

		open("/run?id=" + parent);
		click("child-link", child);
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), child));
		assertThat(chainLinks()).containsExactly(child, continued);
		assertThat(currentChainLink()).isEqualTo(child);

		click("chain-link", continued);
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), continued));
		assertThat(chainLinks()).containsExactly(child, continued);
		assertThat(currentChainLink()).isEqualTo(continued);

		click("chain-link", child);
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), child));
		click("parent-link", parent);
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), parent));
		assertThat(browser.all("child-row").stream().map((row) -> row.getAttribute("data-run-id"))).containsExactly(child);
	}

	@Test
	void requestsCancellationOfARunAndShowsTheFlag() {
		String runId = createRun(run("cancel-" + uid(), "long_job").status(RunStatus.RUNNING));

		open("/run?id=" + runId);
		assertThat(browser.find("cancel-flag").getAttribute("data-requested")).isEqualTo("false");
		browser.find("cancel-run").click();
		browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
		browser.waitFor(ExpectedConditions.attributeToBe(HeadlessChromium.byTest("cancel-flag"), "data-requested", "true"));

		assertThat(this.storage.checkCancellationFlag(runId)).isTrue();
		assertThat(browser.find("cancel-flag").getText()).isEqualTo("Cancellation requested");
		assertThat(browser.find("cancel-run").isDisplayed()).isFalse();
		assertThat(browser.network().responses()).anySatisfy((response) -> {
			assertThat(response.url()).endsWith("/workflows/run/cancel");
			assertThat(response.status()).isEqualTo(200);
		});

		browser.driver().navigate().refresh();
		assertThat(browser.find("cancel-flag").getText()).isEqualTo("Cancellation requested");
		assertThat(browser.find("cancel-run").isDisplayed()).isFalse();
	}

	@Test
	void refusesAnActionWithoutTheHeaderOnlyItsOwnPageSends() {
		String runId = createRun(run("forged-" + uid(), "long_job").status(RunStatus.RUNNING));

		open("/run?id=" + runId);
		// What a form or script of another site could send: the body, without the page's header.
		assertThat(browser.fetch("POST", base() + "/run/cancel",
				List.of("Content-Type", "application/x-www-form-urlencoded"), "id=" + runId))
			.isEqualTo(403);
		assertThat(browser.fetch("GET", base() + "/run/cancel?id=" + runId, List.of(), null)).isEqualTo(405);
		assertThat(this.storage.checkCancellationFlag(runId)).isFalse();
	}

	@Test
	void appendsTheEventsOfARunningRunWithoutReloading() {
		String runId = createRun(run("live-" + uid(), "live").status(RunStatus.RUNNING));
		int started = this.storage.recordEvent(event(runId, 0, "workflow.started"));

		open("/run?id=" + runId);
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		String url = browser.url();
		markDocument();
		List<Integer> added = List.of(this.storage.recordEvent(event(runId, 1, "step.started")),
				this.storage.recordEvent(event(runId, 2, "step.completed")));

		browser.waitFor(ExpectedConditions.numberOfElementsToBe(HeadlessChromium.byTest("event-row"), 3));
		assertThat(sequencesShown()).containsExactly(started, added.get(0), added.get(1));
		assertThat(browser.find("event-count").getText()).isEqualTo("(3)");
		assertThat(browser.url()).isEqualTo(url);
		assertSameDocument();

		this.storage.updateRunStatus(runId, RunStatus.COMPLETED, "{\"ok\": true}", null);
		browser.waitFor(ExpectedConditions.attributeToBe(HeadlessChromium.byTest("run-status"), "data-status",
				"completed"));
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("ended-note")));
		assertThat(browser.find("live-indicator").isDisplayed()).isFalse();
		assertSameDocument();
	}

	@Test
	void appendsOnlyEventsOfTheChosenTypeKeepingTheFilter() {
		String runId = createRun(run("live-type-" + uid(), "live").status(RunStatus.RUNNING));
		int first = this.storage.recordEvent(event(runId, 0, "step.completed"));

		open("/run?id=" + runId + "&type=step.completed");
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		String url = browser.url();
		markDocument();
		this.storage.recordEvent(event(runId, 1, "step.started"));
		int second = this.storage.recordEvent(event(runId, 2, "step.completed"));

		browser.waitFor(ExpectedConditions.numberOfElementsToBe(HeadlessChromium.byTest("event-row"), 2));
		assertThat(sequencesShown()).containsExactly(first, second);
		assertThat(browser.url()).isEqualTo(url);
		assertThat(new Select(browser.find("event-type")).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("step.completed");
		assertSameDocument();
	}

	@Test
	void updatesTheRunsListLiveKeepingItsFilters() {
		String workflow = "live_list_" + uid();
		String first = createRun(run("list-1-" + uid(), workflow).createdAt(Instant.now().minusSeconds(60)));

		open("/runs?workflow=" + workflow);
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		String url = browser.url();
		markDocument();
		String second = createRun(run("list-2-" + uid(), workflow));
		createRun(run("list-3-" + uid(), workflow + "_elsewhere"));

		browser.waitFor(ExpectedConditions.numberOfElementsToBe(HeadlessChromium.byTest("run-row"), 2));
		assertThat(runIds(browser.all("run-row"))).containsExactly(second, first);
		assertThat(browser.url()).isEqualTo(url);
		assertThat(browser.find("filter-workflow").getAttribute("value")).isEqualTo(workflow);
		assertSameDocument();
	}

	@Test
	void showsMarkupInStoredValuesAsText() {
		String markup = "<script>window.injected = 1; alert('stored')</script><img src=\"x\" onerror=\"window.injected = 2\">";
		String workflow = "<b>bold_" + uid() + "</b>";
		String runId = createRun(run("markup-" + uid(), workflow).status(RunStatus.RUNNING).error(markup));
		this.storage.recordEvent(Event.of("markup-" + uid() + "-0", runId, "step.failed", Instant.now(),
				"{\"error\": \"" + markup.replace("\"", "\\\"") + "\"}"));

		open("/run?id=" + runId);
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		assertThat(browser.find("run-workflow").getText()).isEqualTo(workflow);
		assertThat(browser.find("run-error").getText()).isEqualTo(markup);
		assertThat(browser.find("event-data").getText()).contains(markup.replace("\"", "\\\""));

		// The same, appended live by the page's script.
		this.storage.recordEvent(Event.of("markup-" + uid() + "-1", runId, "step.failed", Instant.now(),
				"{\"again\": \"" + markup.replace("\"", "\\\"") + "\"}"));
		browser.waitFor(ExpectedConditions.numberOfElementsToBe(HeadlessChromium.byTest("event-row"), 2));
		assertThat(browser.all("event-data").get(1).getText()).contains("again", markup.replace("\"", "\\\""));
		assertNothingInjected();

		open("/runs?workflow=" + workflow.replace("<", "%3C").replace(">", "%3E").replace("/", "%2F"));
		assertThat(browser.all("run-row")).hasSize(1);
		assertThat(browser.find("run-workflow").getText()).isEqualTo(workflow);
		assertNothingInjected();
	}

	@Test
	void loadsEveryPageFromTheApplicationAlone() {
		String runId = createRun(run("pages-" + uid(), "pages").status(RunStatus.RUNNING));
		this.storage.recordEvent(event(runId, 0, "workflow.started"));
		browser.network();

		for (String page : List.of("", "/runs", "/schedules", "/streams", "/run?id=" + runId)) {
			open(page);
			browser.waitFor(ExpectedConditions.presenceOfElementLocated(HeadlessChromium.byTest("nav-runs")));
		}
		Network network = browser.network();
		assertThat(network.requests().stream().map(Request::path))
			.contains("/workflows", "/workflows/runs", "/workflows/run", "/workflows/schedules", "/workflows/streams",
					"/workflows/assets/dashboard.css", "/workflows/assets/dashboard.js");
		// Chromium's own data: URLs (the date field's calendar icon) stay in the browser.
		assertThat(network.requests()).filteredOn(Request::overTheNetwork)
			.hasSizeGreaterThanOrEqualTo(5 * 4)
			.allSatisfy((request) -> assertThat(request.origin()).as(request.url()).isEqualTo(origin()));
		assertThat(network.responses()).isNotEmpty()
			.allSatisfy((response) -> assertThat(response.status()).as(response.url()).isEqualTo(200));
		assertStyled();
		// The run page's script ran: it shows the run is followed live.
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
	}

}
