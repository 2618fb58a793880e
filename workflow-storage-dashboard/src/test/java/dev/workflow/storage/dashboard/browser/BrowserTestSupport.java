package dev.workflow.storage.dashboard.browser;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.dashboard.browser.HeadlessChromium.Request;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What every browser test class shares: one Chromium for the class, the application's port and
 * storage, and after every test the check that no request went to any other origin.
 */
@EnabledIfChromium
abstract class BrowserTestSupport {

	static HeadlessChromium browser;

	@LocalServerPort
	int port;

	@Autowired
	WorkflowStorage storage;

	private final String uid = UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@BeforeEach
	void forgetEarlierTraffic() {
		browser.forgetRequests();
	}

	@AfterEach
	void noRequestLeftTheApplication() {
		// The page stops polling before the log is read, so that nothing of this test's is left.
		browser.open("about:blank");
		assertThat(browser.requestsSinceForgotten()).filteredOn(Request::overTheNetwork)
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.origin()).as(request.url()).isEqualTo(origin()));
	}

	String origin() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The servlet context path the application runs under.
	 * @return the path, empty for the root
	 */
	String contextPath() {
		return "";
	}

	String base() {
		return origin() + contextPath() + "/workflows";
	}

	void open(String pathAndQuery) {
		browser.open(base() + pathAndQuery);
	}

	String uid() {
		return this.uid;
	}

	static WorkflowRun.Builder run(String runId, String workflowName) {
		return WorkflowRun.builder(runId, workflowName);
	}

	String createRun(WorkflowRun.Builder run) {
		WorkflowRun built = run.build();
		this.storage.createRun(built);
		return built.runId();
	}

	Event event(String runId, int index, String type) {
		return Event.of(runId + "-event-" + index, runId, type, Instant.now(), "{\"index\": " + index + "}");
	}

	static List<String> runIds(List<WebElement> rows) {
		return rows.stream().map((row) -> row.getAttribute("data-run-id")).toList();
	}

	static List<Integer> sequencesShown() {
		return browser.all("event-row").stream().map((row) -> Integer.valueOf(row.getAttribute("data-sequence"))).toList();
	}

	static void lookUp(String key) {
		WebElement field = browser.find("lookup-key");
		field.clear();
		field.sendKeys(key);
		browser.find("lookup-submit").click();
	}

	static void click(String dataTest, String runId) {
		browser.all(dataTest)
			.stream()
			.filter((link) -> link.getText().equals(runId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + dataTest + " to " + runId))
			.click();
	}

	static List<String> chainLinks() {
		return browser.all("chain-link").stream().map((link) -> link.getAttribute("data-run-id")).toList();
	}

	static String currentChainLink() {
		return browser.all("chain-link")
			.stream()
			.filter((link) -> "true".equals(link.getAttribute("data-current")))
			.map(WebElement::getText)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Marks the page's document, so that a reload (a new document) shows.
	 */
	static void markDocument() {
		browser.script("window.sameDocument = 'yes';");
	}

	static void assertSameDocument() {
		assertThat(browser.script("return window.sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
	}

	static void assertNothingInjected() {
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> browser.driver().switchTo().alert());
		assertThat(browser.script("return typeof window.injected;")).isEqualTo("undefined");
		// The page's own script is its only one, and its only image the brand's icon.
		assertThat(browser.script("return document.scripts.length;")).isEqualTo(1L);
		assertThat(browser.script("return document.scripts[0].getAttribute('src');").toString())
			.contains("/assets/dashboard.js");
		assertThat(browser.script("return document.images.length;")).isEqualTo(1L);
	}

	/**
	 * Checks that the stylesheet applied to the page shown.
	 */
	static void assertStyled() {
		assertThat(browser.script("return document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length;"))
			.isInstanceOf(Long.class)
			.satisfies((rules) -> assertThat((Long) rules).isGreaterThan(10L));
		assertThat(browser.script("return getComputedStyle(document.querySelector('header.top')).display;"))
			.isNotEqualTo("inline");
	}

}
