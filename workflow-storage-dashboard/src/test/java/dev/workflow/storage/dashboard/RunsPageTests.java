package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The runs list: newest first, filtered by status, workflow, creation window and free text, paged
 * by the listing's cursor with the filters kept, the lookup by run id or idempotency key, and the
 * rows alone for the live update.
 */
class RunsPageTests {

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenRunsExistShouldListThemNewestFirstWithTheirStatus() {
		String older = create("order_workflow", RunStatus.COMPLETED, NOW.minusSeconds(120));
		String newer = create("order_workflow", RunStatus.FAILED, NOW.minusSeconds(60));
		Document page = this.dashboard.page("/workflows/runs");
		assertThat(runIds(page)).containsExactly(newer, older);
		Element first = page.selectFirst("[data-test=run-row]");
		assertThat(first.attr("data-status")).isEqualTo("failed");
		assertThat(first.selectFirst(".badge").text()).isEqualTo("failed");
		assertThat(first.selectFirst("[data-test=run-link]").attr("href")).isEqualTo("/workflows/run?id=" + newer);
	}

	@Test
	void whenNoRunMatchesShouldSaySo() {
		Document page = this.dashboard.page("/workflows/runs?status=running");
		assertThat(page.select("[data-test=run-row]")).isEmpty();
		assertThat(page.selectFirst("[data-test=no-runs]").text()).isEqualTo("No runs match.");
	}

	@Test
	void whenFilteredByStatusShouldListOnlyThoseAndKeepTheChoiceInTheForm() {
		create("order_workflow", RunStatus.COMPLETED, NOW.minusSeconds(60));
		String failed = create("order_workflow", RunStatus.FAILED, NOW.minusSeconds(30));
		Document page = this.dashboard.page("/workflows/runs?status=failed");
		assertThat(runIds(page)).containsExactly(failed);
		assertThat(page.selectFirst("#filter-status option[selected]").val()).isEqualTo("failed");
		assertThat(page.selectFirst("[data-test=filter-clear]").attr("href")).isEqualTo("/workflows/runs");
	}

	@Test
	void whenFilteredByWorkflowShouldListOnlyRunsOfExactlyThatName() {
		String order = create("order_workflow", RunStatus.RUNNING, NOW.minusSeconds(60));
		create("order_workflow_v2", RunStatus.RUNNING, NOW.minusSeconds(30));
		create("billing", RunStatus.RUNNING, NOW.minusSeconds(20));
		Document page = this.dashboard.page("/workflows/runs?workflow=order_workflow");
		assertThat(runIds(page)).containsExactly(order);
		assertThat(page.selectFirst("#filter-workflow").val()).isEqualTo("order_workflow");
	}

	@Test
	void whenFilteredByCreationWindowShouldListRunsCreatedFromItsStartAndBeforeItsEnd() {
		create("order_workflow", RunStatus.COMPLETED, Instant.parse("2026-04-30T09:59:59Z"));
		String inside = create("order_workflow", RunStatus.COMPLETED, Instant.parse("2026-04-30T10:00:00Z"));
		create("order_workflow", RunStatus.COMPLETED, Instant.parse("2026-04-30T11:00:00Z"));
		Document page = this.dashboard.page("/workflows/runs?from=2026-04-30T10:00&to=2026-04-30T11:00:00Z");
		assertThat(runIds(page)).containsExactly(inside);
		assertThat(page.selectFirst("#filter-from").val()).isEqualTo("2026-04-30T10:00:00");
		assertThat(page.selectFirst("#filter-to").val()).isEqualTo("2026-04-30T11:00:00");
	}

	@Test
	void whenSearchedForTextShouldMatchItInTheInputKwargs() {
		WorkflowRun run = TestData.run(NOW.minusSeconds(10)).inputKwargs("{\"customer\": \"ACME-42\"}").build();
		this.dashboard.storage.createRun(run);
		create("order_workflow", RunStatus.PENDING, NOW.minusSeconds(5));
		Document page = this.dashboard.page("/workflows/runs?query=acme-42");
		assertThat(runIds(page)).containsExactly(run.runId());
		assertThat(page.selectFirst("#filter-query").val()).isEqualTo("acme-42");
	}

	@Test
	void whenMoreRunsThanAPageShouldPageThemByCursorNewestFirstKeepingTheFilters() {
		List<String> failed = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			failed.add(0, create("order_workflow", RunStatus.FAILED, NOW.minusSeconds(1000 - i)));
			create("order_workflow", RunStatus.COMPLETED, NOW.minusSeconds(1000 - i));
		}
		Document first = this.dashboard.page("/workflows/runs?status=failed");
		assertThat(runIds(first)).isEqualTo(failed.subList(0, 50));
		assertThat(first.selectFirst("[data-test=runs-first]")).isNull();
		String next = first.selectFirst("#runs-next").attr("href");
		assertThat(next).startsWith("/workflows/runs?status=failed&cursor=");
		assertThat(first.selectFirst("#runs-next").hasAttr("hidden")).isFalse();

		Document second = this.dashboard.page(next);
		assertThat(runIds(second)).isEqualTo(failed.subList(50, 100));
		assertThat(second.selectFirst("[data-test=runs-first]").attr("href")).isEqualTo("/workflows/runs?status=failed");
		Document third = this.dashboard.page(second.selectFirst("#runs-next").attr("href"));
		assertThat(runIds(third)).isEqualTo(failed.subList(100, 120));
		assertThat(third.selectFirst("#runs-next").hasAttr("hidden")).isTrue();
	}

	@Test
	void whenLookingUpARunIdShouldGoToTheRun() {
		String runId = create("order_workflow", RunStatus.RUNNING, NOW);
		MockHttpServletResponse response = this.dashboard.send(get("/workflows/lookup").param("key", runId));
		assertThat(response.getStatus()).isEqualTo(303);
		assertThat(response.getHeader("Location")).isEqualTo("/workflows/run?id=" + runId);
	}

	@Test
	void whenLookingUpAnIdempotencyKeyShouldGoToItsRun() {
		WorkflowRun run = TestData.run(NOW).idempotencyKey("order-7/2026").build();
		this.dashboard.storage.createRun(run);
		MockHttpServletResponse response = this.dashboard.send(get("/workflows/lookup").param("key", " order-7/2026 "));
		assertThat(response.getStatus()).isEqualTo(303);
		assertThat(response.getHeader("Location")).isEqualTo("/workflows/run?id=" + run.runId());
	}

	@Test
	void whenNoRunHasTheLookedUpKeyShouldSaySoAsTextKeepingTheKey() {
		create("order_workflow", RunStatus.RUNNING, NOW);
		Document page = DashboardMvc.html(this.dashboard.send(get("/workflows/lookup").param("key", "<b>nope</b>")), 404);
		assertThat(page.selectFirst("[data-test=notice]").text())
			.isEqualTo("No run has the id or idempotency key \u201c<b>nope</b>\u201d.");
		assertThat(page.select("b")).isEmpty();
		assertThat(page.selectFirst("#lookup-key").val()).isEqualTo("<b>nope</b>");
		assertThat(page.select("[data-test=run-row]")).hasSize(1);
	}

	@Test
	void whenTheFilterIsNotAStatusShouldAnswerBadRequestNamingIt() {
		Document page = DashboardMvc.html(this.dashboard.send(get("/workflows/runs?status=sleeping")), 400);
		assertThat(page.selectFirst("[data-test=problem-message]").text()).isEqualTo("There is no run status \"sleeping\".");
	}

	@Test
	void whenTheCreationTimeDoesNotParseShouldAnswerBadRequestNamingIt() {
		Document page = DashboardMvc.html(this.dashboard.send(get("/workflows/runs?from=yesterday")), 400);
		assertThat(page.selectFirst("[data-test=problem-message]").text()).contains("\"from\"");
	}

	@Test
	void whenTheLiveUpdateAsksForTheRowsShouldAnswerThemAloneForTheSameFilters() {
		create("order_workflow", RunStatus.COMPLETED, NOW.minusSeconds(60));
		Document page = this.dashboard.page("/workflows/runs?status=failed");
		String rowsHref = page.selectFirst("#runs-rows").attr("data-live-href");
		assertThat(rowsHref).isEqualTo("/workflows/runs/rows?status=failed");
		String failed = create("order_workflow", RunStatus.FAILED, NOW.minusSeconds(30));

		MockHttpServletResponse response = this.dashboard.send(get(rowsHref));
		assertThat(response.getStatus()).isEqualTo(200);
		String fragment = DashboardMvc.body(response);
		assertThat(fragment.strip()).startsWith("<tbody").doesNotContain("<html", "<head", "<form");
		Document rows = org.jsoup.Jsoup.parse("<table>" + fragment + "</table>");
		assertThat(runIds(rows)).containsExactly(failed);
	}

	@Test
	void whenARunFailedShouldShowTheFirstLineOfItsErrorAsText() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.FAILED)
			.error("<img src=x onerror=alert(1)> boom\nTraceback (most recent call last):")
			.build();
		this.dashboard.storage.createRun(run);
		Document page = this.dashboard.page("/workflows/runs");
		assertThat(page.selectFirst("[data-test=run-row] .error-cell").text()).isEqualTo("<img src=x onerror=alert(1)> boom");
		assertThat(page.select("img[src=x]")).isEmpty();
	}

	@Test
	void whenARunIsStillRunningShouldShowHowLongItHasRun() {
		WorkflowRun run = TestData.run(NOW.minusSeconds(200)).status(RunStatus.RUNNING)
			.startedAt(NOW.minus(Duration.ofMinutes(2).plusSeconds(3)))
			.build();
		this.dashboard.storage.createRun(run);
		Document page = this.dashboard.page("/workflows/runs");
		assertThat(page.selectFirst("[data-test=run-row]").select("td").get(5).text()).isEqualTo("2m 03s");
	}

	private String create(String workflow, RunStatus status, Instant createdAt) {
		WorkflowRun run = WorkflowRun.builder(TestData.id("run"), workflow)
			.status(status)
			.createdAt(createdAt)
			.updatedAt(createdAt)
			.build();
		this.dashboard.storage.createRun(run);
		return run.runId();
	}

	static List<String> runIds(Document page) {
		return page.select("[data-test=run-row]").eachAttr("data-run-id");
	}

}
