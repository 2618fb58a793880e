package dev.workflow.storage.dashboard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What the pages poll: a running run's page asks for its status, flag and the events after the
 * last one it shows, and appends them; an ended run's page does not poll; the runs list asks for
 * its rows again with the same filters (see {@link RunsPageTests}).
 */
class LiveUpdatesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenARunGoesOnShouldPollAfterTheLastEventItShows() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{}");
		record(run, "step.started", "{}");
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		Element timeline = page.selectFirst("#timeline");
		assertThat(timeline.attr("data-live")).isEqualTo("true");
		assertThat(timeline.attr("data-live-events")).isEqualTo("true");
		assertThat(timeline.attr("data-after")).isEqualTo("1");
		assertThat(timeline.attr("data-poll-href")).isEqualTo("/workflows/run/poll?id=" + run.runId());
		assertThat(page.body().attr("data-refresh-ms")).isEqualTo("2000");
	}

	@Test
	void whenNothingHappenedShouldAnswerTheStatusAndNoEvents() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{}");
		JsonNode state = poll(run, 0);
		assertThat(state.get("status").asString()).isEqualTo("running");
		assertThat(state.get("ended").asBoolean()).isFalse();
		assertThat(state.get("events")).isEmpty();
		assertThat(state.get("lastSequence").asInt()).isEqualTo(0);
		assertThat(state.get("cancellationRequested").asBoolean()).isFalse();
	}

	@Test
	void whenEventsWereRecordedShouldAnswerThemInOrderAsTextToAppend() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{}");
		record(run, "step.started", "{\"html\": \"<script>alert(1)</script>\"}");
		record(run, "step.completed", "{\"ok\": true}");
		this.dashboard.storage.setCancellationFlag(run.runId());
		JsonNode state = poll(run, 0);
		assertThat(state.get("events").valueStream().map((event) -> event.get("sequence").asInt()).toList())
			.containsExactly(1, 2);
		JsonNode first = state.get("events").get(0);
		assertThat(first.get("type").asString()).isEqualTo("step.started");
		assertThat(first.get("data").asString()).isEqualTo("{\n  \"html\": \"<script>alert(1)</script>\"\n}");
		assertThat(first.get("json").asBoolean()).isTrue();
		assertThat(first.get("rawHref").asString()).isEqualTo("/workflows/raw?run=" + run.runId() + "&event=1");
		assertThat(state.get("lastSequence").asInt()).isEqualTo(2);
		assertThat(state.get("cancellationRequested").asBoolean()).isTrue();
		assertThat(state.get("more").asBoolean()).isFalse();
	}

	@Test
	void whenAnEventIsRecordedWhileThePollReadsShouldSendItOnceOnly() {
		InMemoryWorkflowStorage memory = new InMemoryWorkflowStorage(new MutableClock(NOW));
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).startedAt(NOW).build();
		memory.createRun(run);
		memory.recordEvent(TestData.event(run.runId(), "workflow.started", NOW, "{}"));
		memory.recordEvent(TestData.event(run.runId(), "step.started", NOW, "{}"));
		// A worker appends right after the poll has read the run's latest event.
		WorkflowStorage racing = (WorkflowStorage) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { WorkflowStorage.class }, (proxy, method, args) -> {
					try {
						Object result = method.invoke(memory, args);
						if (method.getName().equals("getLatestEvent")) {
							memory.recordEvent(TestData.event(run.runId(), "step.completed", NOW, "{}"));
						}
						return result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		DashboardMvc dashboard = DashboardMvc.over(racing, DashboardSettings.defaults());
		JsonNode first = json(dashboard.send(get("/workflows/run/poll").param("id", run.runId()).param("after", "0")));
		List<Integer> sent = new ArrayList<>(sequences(first));
		JsonNode second = json(dashboard.send(get("/workflows/run/poll").param("id", run.runId())
			.param("after", String.valueOf(first.get("lastSequence").asInt()))));
		sent.addAll(sequences(second));
		assertThat(sent).doesNotHaveDuplicates().startsWith(1, 2);
	}

	private static List<Integer> sequences(JsonNode state) {
		return state.get("events").valueStream().map((event) -> event.get("sequence").asInt()).toList();
	}

	@Test
	void whenTheTimelineIsFilteredShouldAnswerOnlyNewEventsOfItsTypesButMoveOnPastOthers() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{}");
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId() + "&type=step.completed");
		String pollHref = page.selectFirst("#timeline").attr("data-poll-href");
		assertThat(pollHref).isEqualTo("/workflows/run/poll?id=" + run.runId() + "&type=step.completed");
		record(run, "step.started", "{}");
		record(run, "step.completed", "{}");
		record(run, "step.started", "{}");
		JsonNode state = json(this.dashboard.send(get(pollHref + "&after=0")));
		assertThat(state.get("events").valueStream().map((event) -> event.get("type").asString()).toList())
			.containsExactly("step.completed");
		assertThat(state.get("lastSequence").asInt()).isEqualTo(3);
	}

	@Test
	void whenManyEventsWereRecordedShouldAnswerAPageAndSayMoreWait() {
		WorkflowRun run = running();
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < RunPoll.MAX_EVENTS + 20; i++) {
			events.add(TestData.event(run.runId(), "step.started", NOW, "{}"));
		}
		this.dashboard.storage.recordEvents(run.runId(), events);
		JsonNode state = poll(run, -1);
		assertThat(state.get("events")).hasSize(RunPoll.MAX_EVENTS);
		assertThat(state.get("more").asBoolean()).isTrue();
		assertThat(state.get("lastSequence").asInt()).isEqualTo(RunPoll.MAX_EVENTS - 1);
		JsonNode rest = poll(run, state.get("lastSequence").asInt());
		assertThat(rest.get("events")).hasSize(20);
		assertThat(rest.get("more").asBoolean()).isFalse();
	}

	@Test
	void whenTheRunEndsShouldSayItHasEndedWithItsTimes() {
		WorkflowRun run = running();
		this.dashboard.clock.advance(Duration.ofSeconds(5));
		this.dashboard.storage.updateRunStatus(run.runId(), RunStatus.COMPLETED, "{\"total\": 3}", null);
		JsonNode state = poll(run, -1);
		assertThat(state.get("status").asString()).isEqualTo("completed");
		assertThat(state.get("statusClass").asString()).isEqualTo("badge status-completed");
		assertThat(state.get("ended").asBoolean()).isTrue();
		assertThat(state.get("completed").asString()).isNotEmpty();
	}

	@Test
	void whenAnEarlierPageOfTheTimelineIsShownShouldPollForTheStatusAlone() {
		WorkflowRun run = running();
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < Timeline.PAGE_SIZE + 1; i++) {
			events.add(TestData.event(run.runId(), "step.started", NOW, "{}"));
		}
		this.dashboard.storage.recordEvents(run.runId(), events);
		Element timeline = this.dashboard.page("/workflows/run?id=" + run.runId()).selectFirst("#timeline");
		assertThat(timeline.attr("data-live")).isEqualTo("true");
		assertThat(timeline.attr("data-live-events")).isEqualTo("false");
		JsonNode state = json(this.dashboard.send(get("/workflows/run/poll").param("id", run.runId())
			.param("after", "0")
			.param("events", "0")));
		assertThat(state.get("events")).isEmpty();
	}

	@Test
	void whenTheRunHasEndedShouldNotPoll() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.FAILED).build();
		this.dashboard.storage.createRun(run);
		Element timeline = this.dashboard.page("/workflows/run?id=" + run.runId()).selectFirst("#timeline");
		assertThat(timeline.attr("data-live")).isEqualTo("false");
	}

	@Test
	void whenLiveUpdatesAreOffShouldNotPoll() {
		DashboardMvc off = DashboardMvc.with(DashboardSettings.defaults().withRefreshInterval(Duration.ZERO));
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		off.storage.createRun(run);
		Document page = off.page("/workflows/run?id=" + run.runId());
		assertThat(page.body().attr("data-refresh-ms")).isEqualTo("0");
		assertThat(page.selectFirst("#timeline").attr("data-live")).isEqualTo("false");
	}

	@Test
	void whenTheRefreshIntervalIsSetShouldTellThePages() {
		DashboardMvc fast = DashboardMvc.with(DashboardSettings.defaults().withRefreshInterval(Duration.ofMillis(250)));
		assertThat(fast.page("/workflows/runs").body().attr("data-refresh-ms")).isEqualTo("250");
	}

	@Test
	void whenTheRunDoesNotExistShouldAnswerNotFound() {
		MockHttpServletResponse response = this.dashboard.send(get("/workflows/run/poll").param("id", "gone"));
		assertThat(response.getStatus()).isEqualTo(404);
	}

	private JsonNode poll(WorkflowRun run, int after) {
		return json(this.dashboard.send(get("/workflows/run/poll").param("id", run.runId()).param("after", String.valueOf(after))));
	}

	private static JsonNode json(MockHttpServletResponse response) {
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		return JSON.readTree(DashboardMvc.body(response));
	}

	private WorkflowRun running() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).startedAt(NOW).build();
		this.dashboard.storage.createRun(run);
		return run;
	}

	private void record(WorkflowRun run, String type, String data) {
		this.dashboard.storage.recordEvent(TestData.event(run.runId(), type, NOW, data));
	}

}
