package dev.workflow.storage.citus.pyworkflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.NewScheduledSignal;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.SubscriptionStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes, through OUR API, the stream fixture the pyworkflow driver writes through 45fbe4c's
 * ({@code StreamFixtureWriter}), and describes it in the driver's format: the Java half of "we
 * write, pyworkflow reads" for the tables of pyworkflow's schema versions 3 to 7.
 *
 * <p>
 * The rows are described from what was passed, the clock and pyworkflow's numbering (sequences per
 * stream run, across streams), not read back; the answers to the fixture's questions are our
 * API's, which pyworkflow's must then equal.
 */
final class OurStreamFixture {

	private final WorkflowStorage storage;

	private final MutableClock clock;

	private final String prefix;

	private final Instant base;

	private final List<SignalStream> streams = new ArrayList<>();

	private final List<Signal> signals = new ArrayList<>();

	private final Map<String, Integer> nextSequence = new HashMap<>();

	private final Map<String, StreamSubscription> subscriptions = new LinkedHashMap<>();

	private final ArrayNode acknowledgments = FixtureJson.array();

	private final List<ScheduledSignal> scheduledSignals = new ArrayList<>();

	private final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();

	private final List<Event> events = new ArrayList<>();

	private OurStreamFixture(WorkflowStorage storage, MutableClock clock, String prefix, Instant base) {
		this.storage = storage;
		this.clock = clock;
		this.prefix = prefix;
		this.base = base;
	}

	/**
	 * Writes the fixture.
	 * @param storage our storage, using {@code clock}
	 * @param clock the storage's clock; moved on before each write so every time set is distinct
	 * @param prefix the start of every id
	 * @param base the time the scheduled signals' due times count from, and "now" of the question
	 * which of them are due
	 * @return the description of what was written
	 */
	static ObjectNode write(WorkflowStorage storage, MutableClock clock, String prefix, Instant base) {
		OurStreamFixture fixture = new OurStreamFixture(storage, clock, prefix, base);
		fixture.writeStreamsAndSignals();
		fixture.writeSubscriptions();
		fixture.writeScheduledSignals();
		fixture.writeCheckpoints();
		WorkflowRun run = fixture.writeRunWithNewEventTypes();
		return fixture.describe(run);
	}

	private String id(String name) {
		return this.prefix + "-" + name;
	}

	private Instant tick() {
		return this.clock.advance(Duration.ofMillis(1));
	}

	private void writeStreamsAndSignals() {
		String a = id("stream-a");
		String b = id("stream-b");
		String run1 = id("srun-1");
		String parent = id("parent");
		createStream(a, "{\"owner\": \"orders\", \"limits\": {\"max\": 5}, \"tags\": [\"x\", \"\u00fc\"]}");
		createStream(b, null);
		publish(new NewSignal(id("sig-1"), a, run1, "order.created",
				"{\"order\": 1, \"items\": [1, 2.5, null, true, \"\u00fc\"]}", parent, "{\"trace\": \"t-1\"}"));
		publish(new NewSignal(id("sig-2"), a, run1, "order.paid", "{}", null, null));
		publish(new NewSignal(id("sig-3"), a, null, "order.created", "{\"legacy\": true}", null, "{\"n\": 3}"));
		publish(new NewSignal(id("sig-4"), b, run1, "ping", "{\"n\": 4}", parent, null));
		publish(new NewSignal(id("sig-5"), a, id("srun-2"), "order.created", "{\"order\": 5}", null, null));
		publish(new NewSignal(id("sig-6"), a, run1, "order.shipped",
				"{\"order\": 1, \"nested\": {\"deep\": [1, {\"x\": null}]}}", id("child"), "{\"a\": [1]}"));
	}

	private void createStream(String streamId, @Nullable String metadata) {
		Instant at = tick();
		this.storage.createStream(streamId, metadata);
		this.streams.add(new SignalStream(streamId, SignalStream.ACTIVE, at, metadata));
	}

	// The sequence as pyworkflow numbers it: per stream run, across streams. Signals of no stream
	// run share one numbering with every other writer's, so theirs is the one returned.
	private void publish(NewSignal signal) {
		Instant at = tick();
		int sequence = this.storage.publishSignal(signal);
		if (signal.streamRunId() != null) {
			int expected = this.nextSequence.merge(signal.streamRunId(), 1, Integer::sum) - 1;
			if (sequence != expected) {
				throw new AssertionError("publishSignal(" + signal.signalId() + ") returned sequence " + sequence
						+ ", pyworkflow numbers it " + expected);
			}
		}
		this.signals.add(new Signal(signal.signalId(), signal.streamId(), signal.streamRunId(), sequence,
				signal.signalType(), signal.payload(), at, signal.sourceRunId(), signal.metadata()));
	}

	private void writeSubscriptions() {
		String a = id("stream-a");
		String b = id("stream-b");
		String run1 = id("srun-1");
		subscribe(a, "step-waiting", List.of("order.created", "order.paid"), run1, null);
		subscribe(a, "step-running", List.of("order.created"), run1, SubscriptionStatus.RUNNING);
		subscribe(a, "step-suspended", List.of("order.paid", "order.shipped"), run1, SubscriptionStatus.SUSPENDED);
		subscribe(a, "step-terminated", List.of("order.created"), id("srun-2"), SubscriptionStatus.TERMINATED);
		subscribe(a, "step-completed", List.of("order.shipped"), run1, SubscriptionStatus.COMPLETED);
		subscribe(a, "step-no-run", List.of("order.created"), null, null);
		subscribe(b, "step-waiting", List.of("ping"), run1, null);
		setResult(a, "step-completed", "{\"total\": 12.5, \"lines\": [1, null, \"\u00fc\"]}");
		setResult(a, "step-terminated", "[\"partial\", 1]");
		StreamParentLink link = new StreamParentLink(id("parent"), id("parent") + ":" + id("hook-stream"));
		tick();
		this.storage.setStreamParentLink(a, run1, link);
		this.subscriptions.replaceAll((key, sub) -> (sub.streamId().equals(a) && run1.equals(sub.streamRunId()))
				? new StreamSubscription(sub.streamId(), sub.stepRunId(), sub.signalTypes(), sub.status(),
						sub.streamRunId(), link.parentRunId(), link.parentHookToken(), sub.result(), sub.createdAt())
				: sub);
		acknowledge(id("sig-1"), id("step-waiting"));
		acknowledge(id("sig-6"), id("step-suspended"));
	}

	private void subscribe(String streamId, String step, List<String> types, @Nullable String streamRunId,
			@Nullable SubscriptionStatus status) {
		Instant at = tick();
		this.storage.registerStreamSubscription(streamId, id(step), types, streamRunId);
		if (status != null) {
			tick();
			this.storage.updateSubscriptionStatus(streamId, id(step), status);
		}
		this.subscriptions.put(streamId + "/" + id(step), new StreamSubscription(streamId, id(step), types,
				(status != null) ? status : SubscriptionStatus.WAITING, streamRunId, null, null, null, at));
	}

	private void setResult(String streamId, String step, String result) {
		tick();
		this.storage.setSubscriptionResult(streamId, id(step), result);
		StreamSubscription sub = this.subscriptions.get(streamId + "/" + id(step));
		this.subscriptions.put(streamId + "/" + id(step), new StreamSubscription(sub.streamId(), sub.stepRunId(),
				sub.signalTypes(), sub.status(), sub.streamRunId(), sub.parentRunId(), sub.parentHookToken(), result,
				sub.createdAt()));
	}

	private void acknowledge(String signalId, String stepRunId) {
		tick();
		this.storage.acknowledgeSignal(signalId, stepRunId);
		this.acknowledgments.add(StreamJson.acknowledgment(signalId, stepRunId));
	}

	private void writeScheduledSignals() {
		String a = id("stream-a");
		schedule(new NewScheduledSignal(a, "order.reminder", "{\"n\": 1}", this.base.minusSeconds(60), id("srun-1"),
				"{\"by\": \"timer\"}"), false);
		schedule(NewScheduledSignal.of(a, "order.reminder", "{}", this.base.plusSeconds(3600)), false);
		schedule(NewScheduledSignal.of(id("stream-b"), "ping", "{\"n\": 2}", this.base.minusSeconds(120))
			.inStreamRun(id("srun-1")), true);
	}

	private void schedule(NewScheduledSignal signal, boolean deliver) {
		Instant at = tick();
		String id = this.storage.scheduleSignal(signal);
		if (deliver && !this.storage.markScheduledSignalDelivered(id)) {
			throw new AssertionError("markScheduledSignalDelivered(" + id + ") did not mark it");
		}
		this.scheduledSignals.add(new ScheduledSignal(id, signal.streamId(), signal.signalType(), signal.payload(),
				signal.dueAt(), signal.streamRunId(), signal.metadata(), deliver, at));
	}

	private void writeCheckpoints() {
		String waiting = id("step-waiting");
		Instant createdAt = tick();
		this.storage.saveCheckpoint(waiting, "{\"cursor\": 1}");
		Instant updatedAt = tick();
		String data = "{\"cursor\": 3, \"seen\": [\"" + id("sig-1") + "\"], \"nested\": {\"f\": 2.5, \"n\": null}}";
		this.storage.saveCheckpoint(waiting, data);
		this.checkpoints.put(waiting, new Checkpoint(waiting, data, createdAt, updatedAt));
		Instant runningAt = tick();
		this.storage.saveCheckpoint(id("step-running"), "{}");
		this.checkpoints.put(id("step-running"), new Checkpoint(id("step-running"), "{}", runningAt, runningAt));
	}

	// The data of each as pyworkflow 45fbe4c's engine writes it (pyworkflow/engine/events.py).
	private WorkflowRun writeRunWithNewEventTypes() {
		String runId = id("stream-run");
		String a = id("stream-a");
		WorkflowRun run = WorkflowRun.builder(runId, "stream_flow").status(RunStatus.RUNNING).createdAt(this.base)
			.updatedAt(this.base).build();
		this.storage.createRun(run);
		String at = FixtureJson.timestamp(this.base.plusSeconds(1));
		record(runId, "step.suspended", """
				{"step_id": "%s", "step_name": "approve", "hook_id": "%s", "suspended_at": "%s"}"""
			.formatted(id("step-1"), id("hook-1"), at));
		record(runId, "signal.wait_started", """
				{"stream_id": "%s", "signal_types": ["order.created"], "wait_sequence": 1, "token": "stream:%s:%s:1", \
				"started_at": "%s"}""".formatted(a, a, runId, at));
		record(runId, "signal.received", """
				{"signal_id": "%s", "stream_id": "%s", "signal_type": "order.created", "payload": {"order": 1}, \
				"received_at": "%s"}""".formatted(id("sig-1"), a, at));
		record(runId, "signal.published", """
				{"signal_id": "%s", "stream_id": "%s", "signal_type": "order.paid", "published_at": "%s"}"""
			.formatted(id("sig-2"), a, at));
		record(runId, "stream_step.started", """
				{"stream_id": "%s", "step_name": "collect", "signal_types": ["order.created", "order.paid"], \
				"started_at": "%s"}""".formatted(a, at));
		record(runId, "stream_step.completed", """
				{"stream_id": "%s", "step_name": "collect", "reason": null, "completed_at": "%s"}""".formatted(a, at));
		record(runId, "checkpoint.saved", """
				{"step_run_id": "%s", "saved_at": "%s"}""".formatted(id("step-waiting"), at));
		record(runId, "checkpoint.loaded", """
				{"step_run_id": "%s", "loaded_at": "%s"}""".formatted(id("step-waiting"), at));
		return run;
	}

	private void record(String runId, String type, String data) {
		Event event = Event.of(id("stream-evt-" + (this.events.size() + 1)), runId, type, this.base.plusSeconds(2 + this.events.size()), data);
		this.storage.recordEvent(event);
		this.events.add(event.withSequence(this.events.size()));
	}

	private ObjectNode describe(WorkflowRun run) {
		ObjectNode description = FixtureJson.object();
		ArrayNode streamsNode = description.putArray("streams");
		this.streams.forEach((stream) -> streamsNode.add(StreamJson.stream(stream)));
		ArrayNode signalsNode = description.putArray("signals");
		this.signals.forEach((signal) -> signalsNode.add(StreamJson.signal(signal)));
		ArrayNode subscriptionsNode = description.putArray("subscriptions");
		this.subscriptions.values().forEach((sub) -> subscriptionsNode.add(StreamJson.subscription(sub)));
		description.set("acknowledgments", this.acknowledgments);
		ArrayNode scheduledNode = description.putArray("scheduled_signals");
		this.scheduledSignals.forEach((signal) -> scheduledNode.add(StreamJson.scheduledSignal(signal)));
		ArrayNode checkpointsNode = description.putArray("checkpoints");
		this.checkpoints.values().forEach((checkpoint) -> checkpointsNode.add(StreamJson.checkpoint(checkpoint)));
		description.set("run", FixtureJson.run(run));
		ArrayNode eventsNode = description.putArray("events");
		this.events.forEach((event) -> eventsNode.add(FixtureJson.event(event)));
		description.set("queries", new StreamQueries(this.storage).answer(queries()));
		return description;
	}

	// The same questions as the driver's stream_queries, of this fixture's ids.
	private List<ObjectNode> queries() {
		String a = id("stream-a");
		String b = id("stream-b");
		String run1 = id("srun-1");
		String run2 = id("srun-2");
		List<ObjectNode> queries = new ArrayList<>(List.of(
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1),
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1, "signal_type", "order.created"),
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1, "source_run_id", id("parent")),
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1, "after_sequence", 1,
						"before_sequence", 3),
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1, "last_n", 2),
				query("query_stream_signals", "stream_id", a, "stream_run_id", run1, "limit", 1),
				query("query_stream_signals", "stream_id", a, "stream_run_id", null),
				query("query_stream_signals", "stream_id", b, "stream_run_id", run1),
				query("get_signals", "stream_id", a, "after_sequence", 1),
				query("get_signals", "stream_id", a, "after_sequence", 2, "limit", 1),
				query("get_waiting_steps", "stream_id", a, "signal_type", "order.created", "stream_run_id", null),
				query("get_waiting_steps", "stream_id", a, "signal_type", "order.created", "stream_run_id", run1),
				query("get_waiting_steps", "stream_id", a, "signal_type", "order.paid", "stream_run_id", run1),
				query("get_waiting_steps", "stream_id", b, "signal_type", "ping", "stream_run_id", null),
				query("get_subscriptions_for_stream", "stream_id", a, "signal_type", "order.created", "stream_run_id",
						null),
				query("get_subscriptions_for_stream", "stream_id", a, "signal_type", "order.created", "stream_run_id",
						run1),
				query("get_subscriptions_for_stream", "stream_id", a, "signal_type", "order.shipped", "stream_run_id",
						run1),
				query("get_subscription_states", "stream_id", a, "stream_run_id", null),
				query("get_subscription_states", "stream_id", a, "stream_run_id", run1),
				query("get_subscription_states", "stream_id", a, "stream_run_id", run2),
				query("get_subscription_states", "stream_id", b, "stream_run_id", null),
				query("get_stream_parent_link", "stream_id", a, "stream_run_id", run1),
				query("get_stream_parent_link", "stream_id", a, "stream_run_id", run2),
				query("get_stream_parent_link", "stream_id", b, "stream_run_id", run1),
				query("fetch_due_scheduled_signals", "now", FixtureJson.timestamp(this.base)),
				query("load_checkpoint", "step_run_id", id("step-waiting")),
				query("load_checkpoint", "step_run_id", id("step-running")),
				query("load_checkpoint", "step_run_id", id("step-none")),
				query("get_stream", "stream_id", id("stream-none"))));
		for (String[] pending : new String[][] { { a, "step-waiting" }, { a, "step-running" }, { a, "step-suspended" },
				{ a, "step-terminated" }, { a, "step-completed" }, { a, "step-no-run" }, { b, "step-waiting" },
				{ a, "step-none" } }) {
			queries.add(query("get_pending_signals", "stream_id", pending[0], "step_run_id", id(pending[1])));
		}
		return queries;
	}

	private static ObjectNode query(String op, Object... args) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i += 2) {
			arguments.put((String) args[i], args[i + 1]);
		}
		return StreamQueries.query(op, arguments);
	}

}
