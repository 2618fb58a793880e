package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
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
 * A run's page: its header, its values as indented JSON (or as text when they are not JSON), its
 * timeline in sequence order with a type filter and pages of 500, its steps, hooks, flag and
 * related runs as links; every stored string shown as text, huge ones cut with a link to all.
 */
class RunPageTests {

	private final DashboardMvc dashboard = DashboardMvc.readOnly();

	@Test
	void whenARunFailedShouldShowItsStatusTimesDurationErrorKeyAndRecovery() {
		WorkflowRun run = TestData.run(NOW.minusSeconds(600))
			.status(RunStatus.FAILED)
			.startedAt(NOW.minusSeconds(590))
			.completedAt(NOW.minusSeconds(590).plus(Duration.ofMillis(1234)))
			.updatedAt(NOW.minusSeconds(500))
			.error("ValueError: bad card\n  at charge_card")
			.idempotencyKey("order-42")
			.recoveryAttempts(1)
			.maxRecoveryAttempts(3)
			.build();
		this.dashboard.storage.createRun(run);
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(page.selectFirst("#run-status").attr("data-status")).isEqualTo("failed");
		assertThat(page.selectFirst("[data-test=run-id]").text()).isEqualTo(run.runId());
		assertThat(page.selectFirst("[data-test=run-workflow]").text()).isEqualTo("order_workflow");
		assertThat(page.selectFirst("[data-test=run-created]").text()).isEqualTo("2026-05-01 11:50:00.000");
		assertThat(page.selectFirst("[data-test=run-started]").text()).isEqualTo("2026-05-01 11:50:10.000");
		assertThat(page.selectFirst("[data-test=run-completed]").text()).isEqualTo("2026-05-01 11:50:11.234");
		assertThat(page.selectFirst("[data-test=run-duration]").text()).isEqualTo("1.234s");
		assertThat(page.selectFirst("[data-test=run-idempotency-key]").text()).isEqualTo("order-42");
		assertThat(page.selectFirst("[data-test=run-recovery]").text()).isEqualTo("1 / 3");
		assertThat(page.selectFirst("[data-test=run-error]").wholeText()).isEqualTo("ValueError: bad card\n  at charge_card");
	}

	@Test
	void whenValuesAreJsonShouldIndentThemAndShowOtherTextAsItIs() {
		WorkflowRun run = TestData.run(NOW)
			.status(RunStatus.COMPLETED)
			.inputArgs("[1,2.50,\"x\"]")
			.inputKwargs("{\"customer\":{\"id\":7}}")
			.result("not json <b>at all</b>")
			.build();
		this.dashboard.storage.createRun(run);
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		Element kwargs = page.selectFirst("[data-test=input-kwargs]");
		assertThat(kwargs.wholeText()).isEqualTo("{\n  \"customer\": {\n    \"id\": 7\n  }\n}");
		assertThat(kwargs.hasClass("json")).isTrue();
		assertThat(page.selectFirst("[data-test=input-args]").wholeText()).contains("2.50");
		Element result = page.selectFirst("[data-test=result]");
		assertThat(result.wholeText()).isEqualTo("not json <b>at all</b>");
		assertThat(result.hasClass("json")).isFalse();
		assertThat(page.select("b")).isEmpty();
	}

	@Test
	void whenTheRunHasEventsShouldShowThemInSequenceOrderWithTheirData() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{\"a\": 1}");
		record(run, "step.started", "{\"step\": \"charge\"}");
		record(run, "step.completed", "{\"step\": \"charge\"}");
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(page.select("[data-test=event-row]").eachAttr("data-sequence")).containsExactly("0", "1", "2");
		assertThat(page.select("[data-test=event-row]").eachAttr("data-type"))
			.containsExactly("workflow.started", "step.started", "step.completed");
		assertThat(page.selectFirst("[data-test=event-row] [data-test=event-data]").wholeText()).isEqualTo("{\n  \"a\": 1\n}");
		assertThat(page.selectFirst("#event-count").text()).isEqualTo("(3)");
		assertThat(page.select("#event-type option").eachAttr("value"))
			.containsExactly("", "step.completed", "step.started", "workflow.started");
	}

	@Test
	void whenFilteredByTypeShouldShowOnlyEventsOfThatType() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{}");
		record(run, "step.started", "{}");
		record(run, "step.completed", "{}");
		record(run, "step.started", "{}");
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId() + "&type=step.started");
		assertThat(page.select("[data-test=event-row]").eachAttr("data-sequence")).containsExactly("1", "3");
		assertThat(page.selectFirst("#event-type option[selected]").val()).isEqualTo("step.started");
		assertThat(page.selectFirst("[data-test=event-type-clear]").attr("href"))
			.isEqualTo("/workflows/run?id=" + run.runId() + "#timeline");
	}

	@Test
	void whenTheRunHasMoreEventsThanAPageShouldPageTheTimelineBy500() {
		WorkflowRun run = running();
		List<Event> events = new ArrayList<>();
		IntStream.range(0, 1203).forEach((i) -> events.add(TestData.event(run.runId(), "step.started", NOW, "{\"i\": " + i + "}")));
		this.dashboard.storage.recordEvents(run.runId(), events);

		Document first = this.dashboard.page("/workflows/run?id=" + run.runId());
		List<String> sequences = first.select("[data-test=event-row]").eachAttr("data-sequence");
		assertThat(sequences).hasSize(500).startsWith("0").endsWith("499");
		assertThat(first.selectFirst("#event-count").text()).isEqualTo("(1203)");
		assertThat(first.selectFirst("[data-test=timeline-previous]")).isNull();
		String next = first.selectFirst("[data-test=timeline-next]").attr("href");
		assertThat(next).isEqualTo("/workflows/run?id=" + run.runId() + "&from=500#timeline");
		assertThat(first.selectFirst("[data-test=timeline-last]").attr("href")).contains("from=703");

		Document second = this.dashboard.page(next.replace("#timeline", ""));
		assertThat(second.select("[data-test=event-row]").eachAttr("data-sequence")).hasSize(500).startsWith("500");
		assertThat(second.selectFirst("[data-test=timeline-previous]").attr("href")).contains("from=0");
		Document last = this.dashboard.page("/workflows/run?id=" + run.runId() + "&from=1000");
		assertThat(last.select("[data-test=event-row]").eachAttr("data-sequence")).hasSize(203).endsWith("1202");
		assertThat(last.selectFirst("[data-test=timeline-next]")).isNull();
	}

	@Test
	void whenEventDataHoldsMarkupShouldShowItAsText() {
		WorkflowRun run = running();
		record(run, "workflow.started", "{\"note\": \"<script>alert('x')</script><img src=x onerror=alert(2)>\"}");
		MockHttpServletResponse response = this.dashboard.send(get("/workflows/run").param("id", run.runId()));
		String body = DashboardMvc.body(response);
		assertThat(body).doesNotContain("<script>alert").doesNotContain("<img src=x").contains("&lt;script&gt;alert");
		Document page = DashboardMvc.html(response, 200);
		assertThat(page.select("script")).allSatisfy((script) -> assertThat(script.attr("src")).isNotEmpty());
		assertThat(page.select("img[src=x]")).isEmpty();
		assertThat(page.selectFirst("[data-test=event-data]").wholeText()).contains("<script>alert('x')</script>");
	}

	@Test
	void whenAValueIsHugeShouldShowItsBeginningWithALinkToAllOfItAsPlainText() {
		WorkflowRun run = running();
		String big = "x".repeat(40_000);
		record(run, "workflow.started", "{\"blob\": \"" + big + "\"}");
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		Element data = page.selectFirst("[data-test=event-data]");
		assertThat(data.wholeText()).hasSize(ShownValue.MAX_SHOWN_CHARACTERS);
		Element showAll = page.selectFirst("[data-test=event-row] [data-test=show-all]");
		assertThat(showAll.attr("href")).isEqualTo("/workflows/raw?run=" + run.runId() + "&event=0");
		assertThat(page.selectFirst(".truncated").text()).contains("16,384 of 40,016 characters");

		MockHttpServletResponse raw = this.dashboard.send(get(showAll.attr("href")));
		assertThat(raw.getStatus()).isEqualTo(200);
		assertThat(raw.getContentType()).isEqualTo("text/plain;charset=UTF-8");
		assertThat(raw.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(DashboardMvc.body(raw)).isEqualTo("{\"blob\": \"" + big + "\"}");
	}

	@Test
	void whenTheRunHasStepsAndHooksShouldListThemWithAttemptsErrorsAndPayloads() {
		WorkflowRun run = running();
		Step step = TestData.step(run.runId(), NOW);
		this.dashboard.storage.createStep(new Step(step.stepId(), run.runId(), "charge_card", StepStatus.FAILED, NOW,
				NOW, NOW.plusSeconds(2), "[]", "{}", null, "CardDeclined: <insufficient funds>", 3));
		Hook hook = TestData.hook(run.runId(), NOW);
		this.dashboard.storage.createHook(new Hook(hook.hookId(), run.runId(), hook.token(), NOW, NOW, null,
				HookStatus.RECEIVED, "{\"approved\":true}", "{}"));
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		Element stepRow = page.selectFirst("[data-test=step-row]");
		assertThat(stepRow.attr("data-status")).isEqualTo("failed");
		assertThat(stepRow.selectFirst("[data-test=step-attempt]").text()).isEqualTo("3");
		assertThat(stepRow.selectFirst("[data-test=step-error]").text()).isEqualTo("CardDeclined: <insufficient funds>");
		Element hookRow = page.selectFirst("[data-test=hook-row]");
		assertThat(hookRow.attr("data-hook-id")).isEqualTo(hook.hookId());
		assertThat(hookRow.selectFirst("[data-test=hook-payload]").wholeText()).isEqualTo("{\n  \"approved\": true\n}");
		assertThat(page.text()).doesNotContain(hook.token());
	}

	@Test
	void whenCancellationWasRequestedShouldShowTheFlag() {
		WorkflowRun run = running();
		Document before = this.dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(before.selectFirst("#cancel-flag").attr("data-requested")).isEqualTo("false");
		this.dashboard.storage.setCancellationFlag(run.runId());
		Document after = this.dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(after.selectFirst("#cancel-flag").attr("data-requested")).isEqualTo("true");
		assertThat(after.selectFirst("#cancel-flag").text()).isEqualTo("Cancellation requested");
	}

	@Test
	void whenTheRunHasAParentChildrenAndAChainShouldLinkThemAll() {
		WorkflowRun parent = TestData.run(NOW.minusSeconds(30)).status(RunStatus.RUNNING).build();
		this.dashboard.storage.createRun(parent);
		WorkflowRun first = TestData.run(NOW.minusSeconds(20)).status(RunStatus.CONTINUED_AS_NEW)
			.parentRunId(parent.runId()).nestingDepth(1).build();
		this.dashboard.storage.createRun(first);
		WorkflowRun second = TestData.run(NOW.minusSeconds(10)).status(RunStatus.RUNNING)
			.parentRunId(parent.runId()).nestingDepth(1).continuedFromRunId(first.runId()).build();
		this.dashboard.storage.createRun(second);
		this.dashboard.storage.updateRunContinuation(first.runId(), second.runId());
		WorkflowRun grandchild = TestData.run(NOW).parentRunId(second.runId()).nestingDepth(2).build();
		this.dashboard.storage.createRun(grandchild);

		Document parentPage = this.dashboard.page("/workflows/run?id=" + parent.runId());
		assertThat(parentPage.select("[data-test=child-row]").eachAttr("data-run-id"))
			.containsExactlyInAnyOrder(first.runId(), second.runId());
		assertThat(parentPage.selectFirst("[data-test=child-row][data-run-id=" + second.runId() + "] [data-test=child-link]")
			.attr("href")).isEqualTo("/workflows/run?id=" + second.runId());

		Document secondPage = this.dashboard.page("/workflows/run?id=" + second.runId());
		assertThat(secondPage.selectFirst("[data-test=parent-link]").attr("href")).isEqualTo("/workflows/run?id=" + parent.runId());
		assertThat(secondPage.select("[data-test=chain-link]").eachAttr("data-run-id")).containsExactly(first.runId(), second.runId());
		assertThat(secondPage.select("[data-test=chain-link][data-current=true]").eachAttr("data-run-id")).containsExactly(second.runId());
		assertThat(secondPage.select("[data-test=child-link]").eachText()).containsExactly(grandchild.runId());
	}

	@Test
	void whenNoRunHasTheIdShouldAnswerNotFoundNamingIt() {
		Document page = DashboardMvc.html(this.dashboard.send(get("/workflows/run").param("id", "nope")), 404);
		assertThat(page.selectFirst("[data-test=problem-message]").text()).isEqualTo("There is no run \u201cnope\u201d.");
	}

	@Test
	void whenTheIdIsMissingShouldAnswerBadRequest() {
		DashboardMvc.html(this.dashboard.send(get("/workflows/run")), 400);
	}

	@Test
	void whenTheRunIdHasASlashShouldStillLinkToIt() {
		WorkflowRun run = WorkflowRun.builder("orders/2026 #7?", "order_workflow").createdAt(NOW).build();
		this.dashboard.storage.createRun(run);
		Document list = this.dashboard.page("/workflows/runs");
		String href = list.selectFirst("[data-test=run-link]").attr("href");
		assertThat(href).isEqualTo("/workflows/run?id=orders%2F2026%20%237%3F");
		assertThat(this.dashboard.page(href).selectFirst("[data-test=run-id]").text()).isEqualTo("orders/2026 #7?");
	}

	private WorkflowRun running() {
		WorkflowRun run = TestData.run(NOW.minusSeconds(60)).status(RunStatus.RUNNING).startedAt(NOW.minusSeconds(59)).build();
		this.dashboard.storage.createRun(run);
		return run;
	}

	private void record(WorkflowRun run, String type, String data) {
		this.dashboard.storage.recordEvent(TestData.event(run.runId(), type, NOW, data));
	}

}
