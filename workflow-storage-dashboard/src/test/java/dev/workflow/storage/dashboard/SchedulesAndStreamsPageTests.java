package dev.workflow.storage.dashboard;

import java.util.List;

import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Schedule;
import dev.workflow.storage.model.ScheduleSpec;
import dev.workflow.storage.model.ScheduleStatus;
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
 * The schedules page (spec, status, next and last run, running runs as links, filters) and the
 * streams page (a stream looked up by id: its row, its signals in sequence order a page at a
 * time, its subscriptions).
 */
class SchedulesAndStreamsPageTests {

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenSchedulesExistShouldShowTheirSpecStatusRunsAndRunningRunsAsLinks() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		this.dashboard.storage.createRun(run);
		Schedule schedule = TestData.schedule("nightly_report", NOW.plusSeconds(3600), NOW.minusSeconds(60));
		this.dashboard.storage.createSchedule(schedule);
		this.dashboard.storage.addRunningRun(schedule.scheduleId(), run.runId());
		Schedule every = Schedule.active(TestData.id("sched"), "poller", ScheduleSpec.interval("5m"), null, NOW);
		this.dashboard.storage.createSchedule(every);
		this.dashboard.storage.updateSchedule(every.withStatus(ScheduleStatus.PAUSED, NOW));

		Document page = this.dashboard.page("/workflows/schedules");
		Element row = page.selectFirst("[data-test=schedule-row][data-schedule-id=" + schedule.scheduleId() + "]");
		assertThat(row.attr("data-status")).isEqualTo("active");
		assertThat(row.selectFirst("[data-test=schedule-spec]").text()).isEqualTo("cron 0 9 * * *");
		assertThat(row.selectFirst("[data-test=schedule-next-run]").text()).isEqualTo("2026-05-01 13:00:00.000");
		assertThat(row.selectFirst("[data-test=running-run]").attr("href")).isEqualTo("/workflows/run?id=" + run.runId());
		Element paused = page.selectFirst("[data-test=schedule-row][data-schedule-id=" + every.scheduleId() + "]");
		assertThat(paused.attr("data-status")).isEqualTo("paused");
		assertThat(paused.selectFirst("[data-test=schedule-spec]").text()).isEqualTo("every 5m");

		Document onlyPaused = this.dashboard.page("/workflows/schedules?status=paused");
		assertThat(onlyPaused.select("[data-test=schedule-row]").eachAttr("data-schedule-id")).containsExactly(every.scheduleId());
		Document byWorkflow = this.dashboard.page("/workflows/schedules?workflow=nightly_report");
		assertThat(byWorkflow.select("[data-test=schedule-row]").eachAttr("data-schedule-id")).containsExactly(schedule.scheduleId());
	}

	@Test
	void whenNoStreamIsAskedForShouldShowTheLookupOnly() {
		Document page = this.dashboard.page("/workflows/streams");
		assertThat(page.selectFirst("#stream-lookup")).isNotNull();
		assertThat(page.selectFirst("[data-test=stream]")).isNull();
	}

	@Test
	void whenAStreamIsLookedUpShouldShowItsSignalsInOrderAndItsSubscriptions() {
		String stream = TestData.id("stream");
		this.dashboard.storage.createStream(stream, "{\"owner\": \"orders\"}");
		WorkflowRun source = TestData.run(NOW).build();
		this.dashboard.storage.createRun(source);
		this.dashboard.storage.publishSignal(new NewSignal(TestData.id("sig"), stream, "run-1", "task.created",
				"{\"task\": \"<b>1</b>\"}", source.runId(), "{}"));
		this.dashboard.storage.publishSignal(TestData.signal(stream, "run-1", "task.done"));
		this.dashboard.storage.registerStreamSubscription(stream, "step-run-1", List.of("task.created", "task.done"), "run-1");

		Document page = this.dashboard.page("/workflows/streams?id=" + stream);
		assertThat(page.selectFirst("[data-test=stream-status]").text()).isEqualTo("active");
		assertThat(page.selectFirst("[data-test=stream-metadata]").wholeText()).isEqualTo("{\n  \"owner\": \"orders\"\n}");
		assertThat(page.select("[data-test=signal-row]").eachAttr("data-sequence")).containsExactly("0", "1");
		assertThat(page.selectFirst("[data-test=signal-payload]").wholeText()).contains("<b>1</b>");
		assertThat(page.select("b")).isEmpty();
		assertThat(page.selectFirst("[data-test=signal-source]").attr("href")).isEqualTo("/workflows/run?id=" + source.runId());
		Element subscription = page.selectFirst("[data-test=subscription-row]");
		assertThat(subscription.attr("data-step-run-id")).isEqualTo("step-run-1");
		assertThat(subscription.attr("data-status")).isEqualTo("waiting");
	}

	@Test
	void whenAStreamHasMoreSignalsThanAPageShouldPageThemBySequence() {
		String stream = TestData.id("stream");
		for (int i = 0; i < StreamsPage.PAGE_SIZE + 5; i++) {
			this.dashboard.storage.publishSignal(TestData.signal(stream, "run-1", "tick"));
		}
		Document first = this.dashboard.page("/workflows/streams?id=" + stream);
		assertThat(first.select("[data-test=signal-row]")).hasSize(StreamsPage.PAGE_SIZE);
		assertThat(first.selectFirst("[data-test=stream-missing]")).isNotNull();
		String next = first.selectFirst("[data-test=signals-next]").attr("href");
		Document second = this.dashboard.page(next);
		assertThat(second.select("[data-test=signal-row]").eachAttr("data-sequence"))
			.containsExactly("100", "101", "102", "103", "104");
		assertThat(second.selectFirst("[data-test=signals-next]")).isNull();
	}

	@Test
	void whenAPayloadIsHugeShouldServeAllOfItAsPlainText() {
		String stream = TestData.id("stream");
		String big = "{\"blob\": \"" + "y".repeat(20_000) + "\"}";
		NewSignal signal = NewSignal.of(TestData.id("sig"), stream, "tick", big);
		this.dashboard.storage.publishSignal(signal);
		Document page = this.dashboard.page("/workflows/streams?id=" + stream);
		String href = page.selectFirst("[data-test=signal-row] [data-test=show-all]").attr("href");
		MockHttpServletResponse raw = this.dashboard.send(get(href));
		assertThat(raw.getContentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(DashboardMvc.body(raw)).isEqualTo(big);
	}

}
