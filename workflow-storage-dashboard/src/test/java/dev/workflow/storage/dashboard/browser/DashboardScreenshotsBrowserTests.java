package dev.workflow.storage.dashboard.browser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.HookStatus;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes the README's screenshots of the dashboard, 1280 by 900, into
 * {@code target/screenshots/}: the runs page of a storage holding the runs of a small shop's
 * workflows, and the page of a running order whose timeline has steps, a retry, a hook, a child
 * workflow and a sleep. An application of its own (its own empty storage) keeps other tests'
 * runs out of the pictures.
 */
@SpringBootTest(classes = BrowserTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { BrowserTestApplication.WITHOUT_SECURITY, "pyworkflow.storage.type=memory",
				"pyworkflow.storage.dashboard.read-only=false", "spring.application.name=dashboard-screenshots" })
class DashboardScreenshotsBrowserTests extends BrowserTestSupport {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String ORDER = "run_7f3a9c2e41b84d05";

	private static final String PARCEL = "run_c81d2f0a9e6b4377";

	@Test
	void takesTheRunsPageAndARunPage() throws IOException {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		shop(now);
		order(now);

		browser.exactViewport();
		open("/runs");
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		assertThat(browser.all("run-row")).hasSizeGreaterThan(15);
		Path runs = SCREENSHOTS.resolve("dashboard-runs.png");
		browser.screenshot(runs);

		open("/run?id=" + ORDER);
		browser.waitFor(ExpectedConditions.visibilityOf(browser.find("live-indicator")));
		assertThat(browser.all("event-row")).hasSize(13);
		assertThat(browser.all("step-row")).hasSize(2);
		Path header = SCREENSHOTS.resolve("dashboard-run-header.png");
		browser.screenshot(header);
		// Steps, the hook and the start of the timeline in one picture; then the timeline.
		browser.scrollToTop("steps");
		Path steps = SCREENSHOTS.resolve("dashboard-run-steps.png");
		browser.screenshot(steps);
		browser.scrollToTop("timeline");
		Path run = SCREENSHOTS.resolve("dashboard-run.png");
		browser.screenshot(run);
		Path whole = SCREENSHOTS.resolve("dashboard-run-full.png");
		browser.fullPageScreenshot(whole);

		for (Path shot : List.of(runs, header, steps, run)) {
			BufferedImage image = ImageIO.read(shot.toFile());
			assertThat(image.getWidth()).as(shot.toString()).isEqualTo(HeadlessChromium.WIDTH);
			assertThat(image.getHeight()).as(shot.toString()).isEqualTo(HeadlessChromium.HEIGHT);
		}
		assertThat(ImageIO.read(whole.toFile()).getHeight()).isGreaterThan(HeadlessChromium.HEIGHT);
	}

	// The runs of a day in a small shop: orders, invoices, reports, a few failures.
	private void shop(Instant now) {
		String[][] runs = {
				{ "run_0b6e1d7c93a24f18", "order_fulfillment", "running", "1", "", "{\"order_id\": \"ord_20418\"}" },
				{ "run_2c94ab0e57d14e3a", "send_invoice_email", "completed", "6", "", "{\"invoice_id\": \"inv_9931\"}" },
				{ "run_3d51f8e2a6c04b97", "refund_payment", "failed", "9",
						"PaymentGatewayError: refund of ch_3PZ1kL declined (charge already disputed)",
						"{\"charge_id\": \"ch_3PZ1kL\"}" },
				{ "run_4e07c3b9d1f24a6e", "sync_inventory", "continued_as_new", "15", "", "{\"cursor\": 48000}" },
				{ "run_5f8a2d6e0c734b19", "sync_inventory", "completed", "16", "", "{\"cursor\": 0}" },
				{ "run_60d9e4a7b3f14c82", "order_fulfillment", "completed", "22", "", "{\"order_id\": \"ord_20416\"}" },
				{ "run_71ea5b8c2d064f3d", "onboard_customer", "suspended", "31", "", "{\"customer_id\": \"cus_8815\"}" },
				{ "run_82fb6c9d3e174a4e", "send_invoice_email", "completed", "38", "", "{\"invoice_id\": \"inv_9930\"}" },
				{ "run_930c7dae4f28415f", "order_fulfillment", "cancelled", "44", "", "{\"order_id\": \"ord_20415\"}" },
				{ "run_a41d8ebf5039426a", "nightly_sales_report", "failed", "57",
						"TimeoutError: warehouse API did not answer within 30 s (attempt 3 of 3)",
						"{\"date\": \"yesterday\"}" },
				{ "run_b52e9fc06141537b", "order_fulfillment", "completed", "63", "", "{\"order_id\": \"ord_20414\"}" },
				{ "run_c63fa0d17252648c", "send_invoice_email", "completed", "70", "", "{\"invoice_id\": \"inv_9929\"}" },
				{ "run_d740b1e28363759d", "onboard_customer", "completed", "86", "", "{\"customer_id\": \"cus_8814\"}" },
				{ "run_e851c2f39474860e", "refund_payment", "completed", "95", "", "{\"charge_id\": \"ch_3PY8qR\"}" },
				{ "run_f962d3040585971f", "order_fulfillment", "failed", "118",
						"OutOfStock: SKU MUG-BLUE has 0 units, 2 requested",
						"{\"order_id\": \"ord_20413\"}" },
				{ "run_0a73e4151696a820", "send_invoice_email", "completed", "131", "", "{\"invoice_id\": \"inv_9928\"}" },
				{ "run_1b84f52627a7b931", "order_fulfillment", "completed", "149", "", "{\"order_id\": \"ord_20412\"}" },
				{ "run_2c9506372808ca42", "order_fulfillment", "pending", "0", "", "{\"order_id\": \"ord_20419\"}" } };
		for (String[] row : runs) {
			RunStatus status = RunStatus.valueOf(row[2].toUpperCase(Locale.ROOT));
			Instant created = now.minus(Long.parseLong(row[3]), ChronoUnit.MINUTES).minusSeconds(row[0].charAt(5) % 50);
			WorkflowRun.Builder run = WorkflowRun.builder(row[0], row[1])
				.status(status)
				.createdAt(created)
				.inputKwargs(row[5])
				.error(row[4].isEmpty() ? null : row[4]);
			if (status != RunStatus.PENDING) {
				run.startedAt(created.plusSeconds(1));
			}
			if (status.hasEnded()) {
				Instant completed = created.plusSeconds(3 + (row[0].charAt(6) % 90));
				run.completedAt(completed).updatedAt(completed);
			}
			this.storage.createRun(run.build());
		}
	}

	// A running order: inventory reserved, a payment retried, a warehouse hook, a parcel shipped
	// by a child workflow, and now a sleep until the delivery window.
	private void order(Instant now) {
		Instant created = now.minus(Duration.ofMinutes(4)).minusSeconds(12);
		String kwargs = "{\"order_id\": \"ord_20417\", \"customer_id\": \"cus_8812\", \"express\": true, "
				+ "\"items\": [{\"sku\": \"MUG-BLUE\", \"qty\": 2}, {\"sku\": \"TEE-L\", \"qty\": 1}]}";
		this.storage.createRun(WorkflowRun.builder(ORDER, "order_fulfillment")
			.status(RunStatus.RUNNING)
			.createdAt(created)
			.startedAt(created.plusMillis(420))
			.updatedAt(now.minusSeconds(20))
			.inputKwargs(kwargs)
			.idempotencyKey("order:ord_20417")
			.context("{\"tenant\": \"eu-west\", \"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}")
			.maxRecoveryAttempts(3)
			.build());
		this.storage.createRun(WorkflowRun.builder(PARCEL, "ship_parcel")
			.status(RunStatus.COMPLETED)
			.createdAt(created.plusSeconds(95))
			.startedAt(created.plusSeconds(96))
			.completedAt(created.plusSeconds(181))
			.updatedAt(created.plusSeconds(181))
			.inputKwargs("{\"order_id\": \"ord_20417\", \"carrier\": \"ups\"}")
			.result("{\"tracking\": \"1Z999AA10123456784\"}")
			.parentRunId(ORDER)
			.nestingDepth(1)
			.build());

		String reserve = "step_reserve_inventory_5b1e";
		String charge = "step_charge_payment_93c0";
		this.storage.createStep(new Step(reserve, ORDER, "reserve_inventory", StepStatus.COMPLETED, created.plusSeconds(1),
				created.plusSeconds(1), created.plusSeconds(3), "[]", "{\"order_id\": \"ord_20417\"}",
				"{\"reservation_id\": \"rsv_5521\", \"units\": 3}", null, 1));
		this.storage.createStep(new Step(charge, ORDER, "charge_payment", StepStatus.COMPLETED, created.plusSeconds(4),
				created.plusSeconds(19), created.plusSeconds(21), "[]", "{\"amount\": \"59.90\", \"currency\": \"EUR\"}",
				"{\"charge_id\": \"ch_3PZx9L\"}", null, 2));
		this.storage.createHook(new Hook("hook_warehouse_pick", ORDER, Hook.tokenFor(ORDER, "hook_warehouse_pick"),
				created.plusSeconds(22), created.plusSeconds(88), created.plus(Duration.ofHours(2)), HookStatus.RECEIVED,
				"{\"picked_by\": \"warehouse-7\", \"parcels\": 1}", "{}"));

		Object[][] events = {
				{ 0.4, "workflow.started", "{\"workflow_name\": \"order_fulfillment\", \"kwargs\": " + kwargs + "}" },
				{ 1.0, "step.started", "{\"step_id\": \"" + reserve + "\", \"step_name\": \"reserve_inventory\", \"attempt\": 1}" },
				{ 3.0, "step.completed", "{\"step_id\": \"" + reserve + "\", \"result\": {\"reservation_id\": \"rsv_5521\", \"units\": 3}}" },
				{ 4.0, "step.started", "{\"step_id\": \"" + charge + "\", \"step_name\": \"charge_payment\", \"attempt\": 1}" },
				{ 14.0, "step.failed", "{\"step_id\": \"" + charge + "\", \"attempt\": 1, \"is_retryable\": true, "
						+ "\"error\": \"TimeoutError: payment gateway did not answer within 10 s\"}" },
				{ 14.1, "step.retrying", "{\"step_id\": \"" + charge + "\", \"attempt\": 2, \"delay_seconds\": 5}" },
				{ 19.0, "step.started", "{\"step_id\": \"" + charge + "\", \"step_name\": \"charge_payment\", \"attempt\": 2}" },
				{ 21.0, "step.completed", "{\"step_id\": \"" + charge + "\", \"result\": {\"charge_id\": \"ch_3PZx9L\", \"amount\": \"59.90\"}}" },
				{ 22.0, "hook.created", "{\"hook_id\": \"hook_warehouse_pick\", \"expires_in_seconds\": 7200}" },
				{ 88.0, "hook.received", "{\"hook_id\": \"hook_warehouse_pick\", \"payload\": {\"picked_by\": \"warehouse-7\", \"parcels\": 1}}" },
				{ 95.0, "child_workflow.started", "{\"child_run_id\": \"" + PARCEL + "\", \"child_workflow_name\": \"ship_parcel\"}" },
				{ 181.0, "child_workflow.completed", "{\"child_run_id\": \"" + PARCEL + "\", \"result\": {\"tracking\": \"1Z999AA10123456784\"}}" },
				{ 182.0, "sleep.started", "{\"sleep_id\": \"sleep_delivery_window\", \"duration_seconds\": 3600}" } };
		for (int i = 0; i < events.length; i++) {
			Instant at = created.plusMillis(Math.round((Double) events[i][0] * 1000));
			this.storage.recordEvent(Event.of("evt_" + ORDER.substring(4, 12) + "_" + i, ORDER, (String) events[i][1], at,
					(String) events[i][2]));
		}
	}

}
