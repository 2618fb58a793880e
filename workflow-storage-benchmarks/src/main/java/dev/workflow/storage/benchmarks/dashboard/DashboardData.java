package dev.workflow.storage.benchmarks.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the dashboard benchmarks open: {@code runs} runs of five workflows and every status,
 * created 25 seconds apart up to now, each with input kwargs of about 550 bytes, a result of about
 * 1.1 kB when completed and an error when failed (so a page reading the heavy columns would show);
 * two runs of {@code events} events (one with a step row for each pair of step events, 5,000
 * steps for 10,000 events, as a workflow of that many steps has; one with its events alone); and
 * {@value #LIVE_RUNS} running runs of {@value #LIVE_RUN_EVENTS} events each, for the live pages.
 *
 * <p>
 * The bulk rows are written by {@code INSERT ... SELECT} over {@code generate_series} (seconds for
 * 10^5 runs, on PostgreSQL and Citus alike); the live runs through the library, which appends to
 * them later. The scale benchmarks' {@code ScaleLoader} (COPY) is package-private to its package
 * and loads a different mix (10 events a run, no heavy values), so it is not used here.
 */
final class DashboardData {

	/**
	 * The running runs whose pages are open in the live measurement.
	 */
	static final int LIVE_RUNS = 20;

	static final int LIVE_RUN_EVENTS = 200;

	static final String BIG_RUN_WITH_STEPS = "run_big_timeline_steps";

	static final String BIG_RUN_EVENTS_ONLY = "run_big_timeline_events";

	/**
	 * A customer id the free-text filter looks for: in the input kwargs of one run in 5,000.
	 */
	static final String RARE_TEXT = "cust-4242";

	/**
	 * The workflow of one run in ten (9%).
	 */
	static final String LESS_COMMON_WORKFLOW = "refund_payment";

	private static final String INSERT_RUNS = """
			INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at, started_at, completed_at,
				input_args, input_kwargs, result, error, metadata, recovery_attempts, max_recovery_attempts,
				recover_on_worker_loss, nesting_depth)
			SELECT 'run_' || lpad(to_hex(g), 8, '0'),
				CASE WHEN w < 40 THEN 'order_fulfilment' WHEN w < 70 THEN 'send_invoice' WHEN w < 90 THEN 'sync_inventory'
					WHEN w < 99 THEN 'refund_payment' ELSE 'nightly_report' END,
				CASE WHEN s < 70 THEN 'completed' WHEN s < 80 THEN 'failed' WHEN s < 84 THEN 'cancelled'
					WHEN s < 92 THEN 'running' WHEN s < 97 THEN 'suspended' ELSE 'pending' END,
				created, created + interval '90 seconds', created + interval '1 second',
				CASE WHEN s < 84 THEN created + interval '90 seconds' END,
				'["order-' || g || '", 2]',
				'{"order_id": "order-' || g || '", "customer": {"id": "cust-' || (g % 5000) || '", "email": "customer'
					|| (g % 5000) || '@example.com"}, "lines": ['
					|| repeat('{"sku": "SKU-' || (g % 997) || '", "quantity": 2, "unit_price": 19.99}, ', 8)
					|| '{"sku": "GIFT", "quantity": 1, "unit_price": 0}]}',
				CASE WHEN s < 70 THEN '{"shipped": true, "tracking": "TRK' || g || '", "parcels": ['
					|| repeat('{"weight_kg": 1.25, "carrier": "dhl", "label": "https://labels.example.com/'
						|| md5(g::text) || '"}, ', 10) || '{}]}' END,
				CASE WHEN s >= 70 AND s < 80 THEN 'PaymentDeclined: card expired for order-' || g END,
				'{"tenant": "acme", "trace_id": "' || md5(g::text) || '"}',
				0, 3, true, 0
			FROM (SELECT g, (g * 37) % 100 AS s, (g * 53) % 100 AS w, ?::timestamptz + g * interval '25 seconds' AS created
				FROM generate_series(0, ? - 1) AS g) AS numbered""";

	private static final String INSERT_BIG_RUN = """
			INSERT INTO workflow_runs (run_id, workflow_name, status, created_at, updated_at, started_at, completed_at,
				input_args, input_kwargs, result, metadata)
			VALUES (?, 'nightly_report', 'completed', ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz,
				'[]', '{"day": "2026-12-05"}', '{"rows": 5000}', '{}')""";

	// Event 0 starts the workflow, the last completes it, and every pair between is one step's
	// started and completed events.
	private static final String INSERT_BIG_RUN_EVENTS = """
			INSERT INTO events (event_id, run_id, sequence, type, timestamp, data, step_id)
			SELECT ? || '_evt_' || g, ?, g,
				CASE WHEN g = 0 THEN 'workflow.started' WHEN g = ? - 1 THEN 'workflow.completed'
					WHEN g % 2 = 1 THEN 'step.started' ELSE 'step.completed' END,
				?::timestamptz + g * interval '10 milliseconds',
				CASE WHEN g = 0 OR g = ? - 1 THEN '{}'
					WHEN g % 2 = 1 THEN '{"step_id": "step_' || ((g - 1) / 2) || '", "step_name": "export_rows", "attempt": 1}'
					ELSE '{"step_id": "step_' || ((g - 1) / 2) || '", "result": {"ok": true, "rows": 100, "checksum": "'
						|| md5(g::text) || '"}}' END,
				CASE WHEN g = 0 OR g = ? - 1 THEN NULL ELSE 'step_' || ((g - 1) / 2) END
			FROM generate_series(0, ? - 1) AS g""";

	private static final String INSERT_BIG_RUN_STEPS = """
			INSERT INTO steps (step_id, run_id, step_name, status, created_at, started_at, completed_at, input_args,
				input_kwargs, result, retry_count)
			SELECT 'step_' || k, ?, 'export_rows', 'completed', ?::timestamptz + k * interval '20 milliseconds',
				?::timestamptz + k * interval '20 milliseconds', ?::timestamptz + k * interval '20 milliseconds',
				'[' || k || ']', '{}', '{"ok": true, "rows": 100}', 0
			FROM generate_series(0, ? - 1) AS k""";

	private DashboardData() {
	}

	/**
	 * What was loaded.
	 *
	 * @param runs runs in all, besides the big and live ones
	 * @param events events of each big run
	 * @param deepCursor the cursor of the runs list's page halfway down
	 * @param liveRunIds the running runs the live pages show
	 * @param took how long loading took
	 */
	record Loaded(int runs, int events, String deepCursor, List<String> liveRunIds, Duration took) {
	}

	static Loaded load(DataSource database, WorkflowStorage storage, int runs, int events) {
		Instant started = Instant.now();
		JdbcClient jdbc = JdbcClient.create(database);
		Instant first = started.minus(Duration.ofSeconds(25L * runs));
		jdbc.sql(INSERT_RUNS).params(first.toString(), runs).update();
		Instant bigStart = started.minus(Duration.ofHours(1));
		for (String runId : List.of(BIG_RUN_WITH_STEPS, BIG_RUN_EVENTS_ONLY)) {
			jdbc.sql(INSERT_BIG_RUN)
				.params(runId, bigStart.toString(), bigStart.plusSeconds(600).toString(), bigStart.toString(),
						bigStart.plusSeconds(600).toString())
				.update();
			jdbc.sql(INSERT_BIG_RUN_EVENTS)
				.params(runId, runId, events, bigStart.toString(), events, events, events)
				.update();
		}
		jdbc.sql(INSERT_BIG_RUN_STEPS)
			.params(BIG_RUN_WITH_STEPS, bigStart.toString(), bigStart.toString(), bigStart.toString(), (events - 2) / 2)
			.update();
		List<String> live = new ArrayList<>();
		for (int number = 0; number < LIVE_RUNS; number++) {
			String runId = String.format(Locale.ROOT, "run_live_%02d", number);
			storage.createRun(WorkflowRun.builder(runId, "order_fulfilment")
				.status(RunStatus.RUNNING)
				.createdAt(started.minusSeconds(60))
				.startedAt(started.minusSeconds(59))
				.inputKwargs("{\"order_id\": \"live-" + number + "\"}")
				.build());
			for (int done = 0; done < LIVE_RUN_EVENTS; done += 100) {
				storage.recordEvents(runId, liveEvents(runId, done, Math.min(100, LIVE_RUN_EVENTS - done)));
			}
			live.add(runId);
		}
		for (String table : List.of("workflow_runs", "events", "steps")) {
			jdbc.sql("VACUUM (ANALYZE) " + table).update();
		}
		return new Loaded(runs, events, String.format(Locale.ROOT, "run_%08x", runs / 2), live,
				Duration.between(started, Instant.now()));
	}

	/**
	 * Events as a running workflow's worker appends them: a step started, then completed.
	 * @param runId the run
	 * @param from the number of the first
	 * @param count how many
	 * @return the events, without sequences (the storage numbers them)
	 */
	static List<Event> liveEvents(String runId, int from, int count) {
		List<Event> events = new ArrayList<>(count);
		for (int number = from; number < from + count; number++) {
			String stepId = "step_" + runId + "_" + (number / 2);
			String data = (number % 2 == 0)
					? "{\"step_id\": \"" + stepId + "\", \"step_name\": \"ship_parcel\", \"attempt\": 1}"
					: "{\"step_id\": \"" + stepId + "\", \"result\": {\"ok\": true, \"parcel\": " + number + "}}";
			events.add(Event.of(runId + "_evt_" + number, runId, (number % 2 == 0) ? "step.started" : "step.completed",
					Instant.now(), data));
		}
		return events;
	}

}
