package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.time.Instant;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The overview: runs created in a chosen window counted by status, each count linking to those
 * runs, and the window's newest failures.
 */
class OverviewPageTests {

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenNoWindowIsChosenShouldCountTheLast24HoursByStatus() {
		create(RunStatus.COMPLETED, NOW.minus(Duration.ofHours(1)));
		create(RunStatus.COMPLETED, NOW.minus(Duration.ofHours(23)));
		create(RunStatus.FAILED, NOW.minus(Duration.ofMinutes(5)));
		create(RunStatus.RUNNING, NOW.minusSeconds(1));
		create(RunStatus.FAILED, NOW.minus(Duration.ofHours(25)));
		Document page = this.dashboard.page("/workflows");
		assertThat(page.selectFirst("[data-test=count-total] .count-number").text()).isEqualTo("4");
		assertThat(count(page, "completed")).isEqualTo("2");
		assertThat(count(page, "failed")).isEqualTo("1");
		assertThat(count(page, "running")).isEqualTo("1");
		assertThat(count(page, "cancelled")).isEqualTo("0");
		assertThat(page.selectFirst("[data-test=window][data-window=24h]").hasClass("active")).isTrue();
	}

	@Test
	void whenAWindowIsChosenShouldCountInItAndLinkEachCountToThoseRuns() {
		create(RunStatus.FAILED, NOW.minus(Duration.ofMinutes(30)));
		create(RunStatus.FAILED, NOW.minus(Duration.ofDays(6)));
		create(RunStatus.FAILED, NOW.minus(Duration.ofDays(8)));
		assertThat(count(this.dashboard.page("/workflows?window=1h"), "failed")).isEqualTo("1");
		Document week = this.dashboard.page("/workflows?window=7d");
		assertThat(count(week, "failed")).isEqualTo("2");
		assertThat(count(this.dashboard.page("/workflows?window=30d"), "failed")).isEqualTo("3");
		String failedHref = week.selectFirst("[data-test=count][data-status=failed]").attr("href");
		assertThat(failedHref).isEqualTo("/workflows/runs?status=failed&from=2026-04-24T12%3A00%3A00Z");
		assertThat(RunsPageTests.runIds(this.dashboard.page(failedHref))).hasSize(2);
	}

	@Test
	void whenRunsFailedShouldListTheNewestFailuresFirst() {
		String older = create(RunStatus.FAILED, NOW.minus(Duration.ofHours(2)));
		String newer = create(RunStatus.FAILED, NOW.minus(Duration.ofHours(1)));
		create(RunStatus.COMPLETED, NOW.minusSeconds(5));
		Document page = this.dashboard.page("/workflows");
		assertThat(page.select("[data-test=failure-row]").eachAttr("data-run-id")).containsExactly(newer, older);
		assertThat(page.selectFirst("[data-test=failure-row] [data-test=run-link]").attr("href"))
			.isEqualTo("/workflows/run?id=" + newer);
	}

	@Test
	void whenNoRunFailedShouldSaySo() {
		create(RunStatus.COMPLETED, NOW.minusSeconds(5));
		assertThat(this.dashboard.page("/workflows").selectFirst("[data-test=no-failures]")).isNotNull();
	}

	@Test
	void whenTheWindowIsNotOneOfferedShouldAnswerBadRequest() {
		DashboardMvc.html(this.dashboard.send(get("/workflows").param("window", "2d")), 400);
	}

	private static String count(Document page, String status) {
		return page.selectFirst("[data-test=count][data-status=" + status + "]").attr("data-count");
	}

	private String create(RunStatus status, Instant createdAt) {
		WorkflowRun run = TestData.run(createdAt).status(status).updatedAt(createdAt).error(
				(status == RunStatus.FAILED) ? "boom" : null).build();
		this.dashboard.storage.createRun(run);
		return run.runId();
	}

}
