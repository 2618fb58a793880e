package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import dev.workflow.storage.testing.TestData;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.workflow.storage.dashboard.DashboardMvc.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs list and the overview read no unbounded column on PostgreSQL: neither the input
 * arguments, the result nor the metadata of a run is selected, whatever the filters, so a page
 * costs the same however large the runs' values are.
 */
class RunsPageStatementsTests {

	private static final List<String> HEAVY_COLUMNS = List.of("input_args", "input_kwargs", "result", "metadata");

	private final HikariDataSource database = EmbeddedPostgresServer.newMigratedDatabase("dashboard_runs");

	private final StatementRecordingDataSource recording = new StatementRecordingDataSource(this.database);

	private final WorkflowStorage storage = new PostgresWorkflowStorage(this.recording);

	private final DashboardMvc dashboard = DashboardMvc.over(this.storage, DashboardSettings.defaults());

	@AfterEach
	void closeDatabase() {
		this.database.close();
	}

	@Test
	void whenTheRunsPageIsShownShouldSelectNoHeavyColumn() {
		String big = "{\"blob\": \"" + "z".repeat(100_000) + "\", \"customer\": \"acme\"}";
		for (int i = 0; i < 60; i++) {
			this.storage.createRun(TestData.run(NOW.minusSeconds(i)).status((i % 2 == 0) ? RunStatus.FAILED : RunStatus.RUNNING)
				.inputKwargs(big)
				.result("\"" + "r".repeat(1000) + "\"")
				.build());
		}
		for (String url : new String[] { "/workflows/runs", "/workflows/runs?status=failed",
				"/workflows/runs?workflow=order_workflow&from=2026-04-30T00:00", "/workflows/runs?query=acme",
				"/workflows/runs/rows?status=running", "/workflows", "/workflows?window=30d" }) {
			this.recording.clear();
			if (url.contains("/rows")) {
				assertThat(this.dashboard.send(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(url))
					.getStatus()).isEqualTo(200);
			}
			else {
				Document page = this.dashboard.page(url);
				assertThat(page.select("[data-test=run-row], [data-test=failure-row], [data-test=count]")).as(url).isNotEmpty();
			}
			assertThat(this.recording.statements()).as(url).isNotEmpty().allSatisfy((sql) -> {
				String selected = sql.substring(0, Math.max(0, sql.indexOf(" FROM ")));
				assertThat(selected).as(url + ": " + sql).doesNotContain(HEAVY_COLUMNS);
			});
		}
	}

	@Test
	void whenTheRunsPageIsShownShouldSendOneStatementForItsRows() {
		this.storage.createRun(TestData.run(NOW).build());
		this.recording.clear();
		this.dashboard.page("/workflows/runs?status=pending&from=2026-04-30T00:00");
		assertThat(this.recording.statements()).hasSize(1);
		assertThat(this.recording.statements().get(0)).contains("ORDER BY created_at DESC, run_id DESC");
	}

	@Test
	void whenARunPageIsShownForARunWithManyEventsShouldOpen() {
		WorkflowRun run = TestData.run(NOW).status(RunStatus.RUNNING).build();
		this.storage.createRun(run);
		List<dev.workflow.storage.model.Event> events = new java.util.ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			events.add(TestData.event(run.runId(), "step.completed", NOW.plus(Duration.ofMillis(i)), "{\"i\": " + i + "}"));
		}
		this.storage.recordEvents(run.runId(), events);
		Document page = this.dashboard.page("/workflows/run?id=" + run.runId());
		assertThat(page.select("[data-test=event-row]")).hasSize(Timeline.PAGE_SIZE);
		assertThat(page.selectFirst("#event-count").text()).isEqualTo("(10000)");
	}

}
