package dev.workflow.storage.dashboard;

import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The actions: hidden and refused while the dashboard is read-only; when it is not, a request
 * for a run's cancellation sets the flag pyworkflow's workers read, and a schedule pauses and
 * resumes. Only POSTs that carry the dashboard's header (and, where the browser says, come from
 * the same origin) act: a cross-site form cannot add a header.
 */
class DashboardActionsTests {

	@Test
	void whenReadOnlyShouldShowNoActionButtons() {
		DashboardMvc dashboard = DashboardMvc.readOnly();
		WorkflowRun run = running(dashboard);
		Schedule schedule = schedule(dashboard);
		Document runPage = dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(runPage.selectFirst("#cancel-run")).isNull();
		assertThat(runPage.selectFirst("[data-test=read-only]")).isNotNull();
		Document schedules = dashboard.page("/workflows/schedules");
		assertThat(schedules.selectFirst("[data-test=schedule-row]").attr("data-schedule-id")).isEqualTo(schedule.scheduleId());
		assertThat(schedules.select("[data-test=pause-schedule], [data-test=resume-schedule]")).isEmpty();
	}

	@Test
	void whenReadOnlyShouldRefuseEveryActionEvenWithTheHeader() {
		DashboardMvc dashboard = DashboardMvc.readOnly();
		WorkflowRun run = running(dashboard);
		Schedule schedule = schedule(dashboard);
		MockHttpServletResponse cancel = dashboard.send(action("/workflows/run/cancel", run.runId()));
		assertThat(cancel.getStatus()).isEqualTo(403);
		assertThat(DashboardMvc.body(cancel)).contains("read-only");
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isFalse();
		assertThat(dashboard.send(action("/workflows/schedule/pause", schedule.scheduleId())).getStatus()).isEqualTo(403);
		assertThat(dashboard.storage.getSchedule(schedule.scheduleId()).orElseThrow().status()).isEqualTo(ScheduleStatus.ACTIVE);
	}

	@Test
	void whenAnActionIsRequestedWithGetShouldAnswerMethodNotAllowed() {
		for (DashboardMvc dashboard : new DashboardMvc[] { DashboardMvc.readOnly(), DashboardMvc.withActions() }) {
			WorkflowRun run = running(dashboard);
			for (String path : new String[] { "/workflows/run/cancel", "/workflows/schedule/pause", "/workflows/schedule/resume" }) {
				MockHttpServletResponse response = dashboard.send(get(path).param("id", run.runId()).header(ActionGuard.HEADER, "1"));
				assertThat(response.getStatus()).as(path).isEqualTo(405);
				assertThat(response.getHeader("Allow")).isEqualTo("POST");
			}
			assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isFalse();
		}
	}

	@Test
	void whenActionsAreOnShouldShowTheButtons() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		WorkflowRun run = running(dashboard);
		Schedule schedule = schedule(dashboard);
		Document runPage = dashboard.page("/workflows/run?id=" + run.runId());
		Element cancel = runPage.selectFirst("#cancel-run");
		assertThat(cancel.attr("data-action-href")).isEqualTo("/workflows/run/cancel");
		assertThat(cancel.attr("data-run-id")).isEqualTo(run.runId());
		assertThat(runPage.selectFirst("[data-test=read-only]")).isNull();
		Element row = dashboard.page("/workflows/schedules").selectFirst("[data-test=schedule-row]");
		assertThat(row.selectFirst("[data-test=pause-schedule]").hasAttr("hidden")).isFalse();
		assertThat(row.selectFirst("[data-test=resume-schedule]").hasAttr("hidden")).isTrue();
		assertThat(row.selectFirst("[data-test=pause-schedule]").attr("data-schedule-id")).isEqualTo(schedule.scheduleId());
	}

	@Test
	void whenARunHasEndedShouldOfferNoCancellation() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		WorkflowRun run = TestData.run(NOW).status(RunStatus.COMPLETED).build();
		dashboard.storage.createRun(run);
		assertThat(dashboard.page("/workflows/run?id=" + run.runId()).selectFirst("#cancel-run")).isNull();
		MockHttpServletResponse response = dashboard.send(action("/workflows/run/cancel", run.runId()));
		assertThat(response.getStatus()).isEqualTo(409);
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isFalse();
	}

	@Test
	void whenCancellationIsRequestedShouldSetTheFlagAndShowIt() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		WorkflowRun run = running(dashboard);
		MockHttpServletResponse response = dashboard.send(action("/workflows/run/cancel", run.runId()));
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(DashboardMvc.body(response)).isEqualTo("{\"cancellationRequested\":true}");
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isTrue();
		Document page = dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(page.selectFirst("#cancel-flag").attr("data-requested")).isEqualTo("true");
		assertThat(page.selectFirst("#cancel-run").hasAttr("hidden")).isTrue();
	}

	@Test
	void whenAnActionLacksTheDashboardHeaderShouldRefuseIt() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		WorkflowRun run = running(dashboard);
		MockHttpServletResponse response = dashboard.send(post("/workflows/run/cancel").param("id", run.runId()));
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(DashboardMvc.body(response)).contains(ActionGuard.HEADER);
		assertThat(dashboard.send(post("/workflows/run/cancel").param("id", run.runId()).header(ActionGuard.HEADER, "yes"))
			.getStatus()).isEqualTo(403);
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isFalse();
	}

	@Test
	void whenTheBrowserSaysAnActionComesFromAnotherSiteShouldRefuseIt() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		WorkflowRun run = running(dashboard);
		for (String site : new String[] { "cross-site", "same-site", "none" }) {
			MockHttpServletResponse response = dashboard
				.send(action("/workflows/run/cancel", run.runId()).header("Sec-Fetch-Site", site));
			assertThat(response.getStatus()).as(site).isEqualTo(403);
			assertThat(DashboardMvc.body(response)).contains(site);
		}
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isFalse();
		assertThat(dashboard.send(action("/workflows/run/cancel", run.runId()).header("Sec-Fetch-Site", "same-origin"))
			.getStatus()).isEqualTo(200);
		assertThat(dashboard.storage.checkCancellationFlag(run.runId())).isTrue();
	}

	@Test
	void whenAScheduleIsPausedAndResumedShouldChangeItsStatusAndPauseTime() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		Schedule schedule = schedule(dashboard);
		MockHttpServletResponse paused = dashboard.send(action("/workflows/schedule/pause", schedule.scheduleId()));
		assertThat(paused.getStatus()).isEqualTo(200);
		assertThat(DashboardMvc.body(paused)).contains("\"status\":\"paused\"");
		Schedule stored = dashboard.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(stored.status()).isEqualTo(ScheduleStatus.PAUSED);
		assertThat(stored.pausedAt()).isEqualTo(NOW);
		assertThat(stored.spec()).isEqualTo(schedule.spec());
		Element row = dashboard.page("/workflows/schedules").selectFirst("[data-test=schedule-row]");
		assertThat(row.attr("data-status")).isEqualTo("paused");
		assertThat(row.selectFirst("[data-test=resume-schedule]").hasAttr("hidden")).isFalse();

		dashboard.clock.advance(java.time.Duration.ofMinutes(5));
		MockHttpServletResponse resumed = dashboard.send(action("/workflows/schedule/resume", schedule.scheduleId()));
		assertThat(resumed.getStatus()).isEqualTo(200);
		Schedule active = dashboard.storage.getSchedule(schedule.scheduleId()).orElseThrow();
		assertThat(active.status()).isEqualTo(ScheduleStatus.ACTIVE);
		assertThat(active.pausedAt()).isNull();
		assertThat(active.updatedAt()).isEqualTo(NOW.plusSeconds(300));
	}

	@Test
	void whenTheScheduleDoesNotExistShouldAnswerNotFoundAsJson() {
		DashboardMvc dashboard = DashboardMvc.withActions();
		MockHttpServletResponse response = dashboard.send(action("/workflows/schedule/pause", "nope"));
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(DashboardMvc.body(response)).isEqualTo("{\"error\":\"There is no schedule \u201cnope\u201d.\"}");
	}

	private static MockHttpServletRequestBuilder action(String path, String id) {
		return post(path).param("id", id).header(ActionGuard.HEADER, "1");
	}

	private static WorkflowRun running(DashboardMvc dashboard) {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		dashboard.storage.createRun(run);
		return run;
	}

	private static Schedule schedule(DashboardMvc dashboard) {
		Schedule schedule = TestData.schedule("order_workflow", NOW.plusSeconds(3600), NOW);
		dashboard.storage.createSchedule(schedule);
		return schedule;
	}

}
