package dev.workflow.storage.dashboard.browser;

import java.util.List;

import dev.workflow.storage.model.RunStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard as configured by default, read-only: no action is offered, and one sent by hand,
 * even as the page's own script would send it, is refused.
 */
@SpringBootTest(classes = BrowserTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { BrowserTestApplication.WITHOUT_SECURITY, "pyworkflow.storage.type=memory" })
class ReadOnlyDashboardBrowserTests extends BrowserTestSupport {

	@Test
	void offersNoActionAndSaysItIsReadOnly() {
		String runId = createRun(run("read-only-" + uid(), "long_job").status(RunStatus.RUNNING));

		open("/run?id=" + runId);
		assertThat(browser.find("read-only").isDisplayed()).isTrue();
		assertThat(browser.find("cancel-flag").getText()).isEqualTo("No cancellation requested");
		assertThat(browser.all("cancel-run")).isEmpty();
		assertThat(browser.driver().getPageSource()).doesNotContain("/run/cancel");
	}

	@Test
	void refusesAnActionPostedByHandWith403AndAGetWith405() {
		String runId = createRun(run("by-hand-" + uid(), "long_job").status(RunStatus.RUNNING));

		open("/run?id=" + runId);
		assertThat(browser.fetch("POST", base() + "/run/cancel",
				List.of("Content-Type", "application/x-www-form-urlencoded", "X-Workflow-Dashboard", "1"),
				"id=" + runId))
			.isEqualTo(403);
		assertThat(browser.fetch("POST", base() + "/schedule/pause",
				List.of("Content-Type", "application/x-www-form-urlencoded", "X-Workflow-Dashboard", "1"),
				"id=any"))
			.isEqualTo(403);
		assertThat(browser.fetch("GET", base() + "/run/cancel?id=" + runId, List.of(), null)).isEqualTo(405);
		assertThat(this.storage.checkCancellationFlag(runId)).isFalse();
	}

}
