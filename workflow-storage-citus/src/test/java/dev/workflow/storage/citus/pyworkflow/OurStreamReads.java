package dev.workflow.storage.citus.pyworkflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.StreamSubscription;
import dev.workflow.storage.model.WorkflowRun;
import tools.jackson.databind.JsonNode;

/**
 * Reads every row of a stream fixture description through OUR API, every field, asks it the
 * description's questions, and lists each difference: the Java half of "pyworkflow writes, we
 * read" for the tables of pyworkflow's schema versions 3 to 7.
 */
final class OurStreamReads {

	private final WorkflowStorage storage;

	private final Mismatches mismatches = new Mismatches();

	private OurStreamReads(WorkflowStorage storage) {
		this.storage = storage;
	}

	/**
	 * Checks a stream fixture description against our reads.
	 * @param storage our storage on the shared database
	 * @param description what pyworkflow's driver wrote
	 * @return the mismatches, empty when every field and answer matches
	 */
	static List<String> verify(WorkflowStorage storage, JsonNode description) {
		OurStreamReads reads = new OurStreamReads(storage);
		reads.streams(description);
		reads.signals(description);
		reads.subscriptions(description);
		reads.scheduledSignals(description);
		reads.checkpoints(description);
		reads.runAndEvents(description);
		reads.queries(description);
		return reads.mismatches.list();
	}

	private void streams(JsonNode description) {
		for (JsonNode expected : description.get("streams")) {
			String streamId = FixtureJson.text(expected, "stream_id");
			Optional<SignalStream> stream = this.mismatches.guarded("getStream(" + streamId + ")",
					() -> this.storage.getStream(streamId));
			this.mismatches.compare("stream " + streamId, expected,
					(stream != null) ? stream.map(StreamJson::stream).orElse(null) : null);
		}
	}

	private void signals(JsonNode description) {
		Map<String, Map<String, JsonNode>> byStream = byKey(description.get("signals"), "stream_id", "signal_id");
		byStream.forEach((streamId, expected) -> {
			List<Signal> read = this.mismatches.guarded("getSignals(" + streamId + ")",
					() -> this.storage.getSignals(streamId, 0, WorkflowStorage.MAX_LIMIT));
			if (read != null) {
				compareAll("signal", expected, read, Signal::signalId, StreamJson::signal);
			}
		});
	}

	private void subscriptions(JsonNode description) {
		Map<String, Map<String, JsonNode>> byStream = byKey(description.get("subscriptions"), "stream_id",
				"step_run_id");
		byStream.forEach((streamId, expected) -> {
			List<StreamSubscription> read = this.mismatches.guarded("getSubscriptionStates(" + streamId + ")",
					() -> this.storage.getSubscriptionStates(streamId, null));
			if (read != null) {
				compareAll("subscription " + streamId, expected, read, StreamSubscription::stepRunId,
						StreamJson::subscription);
			}
		});
	}

	// Our API, as pyworkflow's, reads scheduled signals only while they wait for delivery.
	private void scheduledSignals(JsonNode description) {
		Map<String, JsonNode> undelivered = new LinkedHashMap<>();
		for (JsonNode expected : description.get("scheduled_signals")) {
			String id = FixtureJson.text(expected, "id");
			if (expected.get("delivered").asBoolean()) {
				// false: it was delivered already, and this call changed nothing.
				this.mismatches.check("markScheduledSignalDelivered(" + id + ") of a delivered one", false,
						this.mismatches.guarded("markScheduledSignalDelivered(" + id + ")",
								() -> this.storage.markScheduledSignalDelivered(id)));
			}
			else {
				undelivered.put(id, expected);
			}
		}
		List<ScheduledSignal> due = this.mismatches.guarded("fetchDueScheduledSignals",
				() -> this.storage.fetchDueScheduledSignals(StreamQueries.farFuture(), WorkflowStorage.MAX_LIMIT));
		if (due != null) {
			// why: due signals are read across streams; those of the description's streams count.
			List<String> streams = description.get("streams").valueStream()
				.map((stream) -> FixtureJson.text(stream, "stream_id"))
				.toList();
			compareAll("scheduled signal", undelivered,
					due.stream().filter((signal) -> streams.contains(signal.streamId())).toList(), ScheduledSignal::id,
					StreamJson::scheduledSignal);
		}
	}

	private void checkpoints(JsonNode description) {
		for (JsonNode expected : description.get("checkpoints")) {
			String stepRunId = FixtureJson.text(expected, "step_run_id");
			Optional<Checkpoint> checkpoint = this.mismatches.guarded("loadCheckpoint(" + stepRunId + ")",
					() -> this.storage.loadCheckpoint(stepRunId));
			this.mismatches.compare("checkpoint " + stepRunId, expected,
					(checkpoint != null) ? checkpoint.map(StreamJson::checkpoint).orElse(null) : null);
		}
	}

	private void runAndEvents(JsonNode description) {
		JsonNode expectedRun = description.get("run");
		String runId = FixtureJson.text(expectedRun, "run_id");
		Optional<WorkflowRun> run = this.mismatches.guarded("getRun(" + runId + ")", () -> this.storage.getRun(runId));
		this.mismatches.compare("run " + runId, expectedRun,
				(run != null) ? run.map(FixtureJson::run).orElse(null) : null);
		List<Event> events = this.mismatches.guarded("getEvents(" + runId + ")", () -> this.storage.getEvents(runId));
		if (events == null) {
			return;
		}
		JsonNode expected = description.get("events");
		this.mismatches.check("getEvents(" + runId + ") ids",
				expected.valueStream().map((event) -> FixtureJson.text(event, "event_id")).toList(),
				events.stream().map(Event::eventId).toList());
		for (int i = 0; i < Math.min(expected.size(), events.size()); i++) {
			this.mismatches.compare("event " + events.get(i).eventId(), expected.get(i), FixtureJson.event(events.get(i)));
		}
	}

	private void queries(JsonNode description) {
		StreamQueries queries = new StreamQueries(this.storage);
		for (JsonNode query : description.get("queries")) {
			String what = FixtureJson.text(query, "op") + "(" + query.get("args") + ")";
			JsonNode answer = this.mismatches.guarded(what, () -> queries.ask(FixtureJson.text(query, "op"),
					query.get("args")));
			if (answer != null) {
				this.mismatches.checkJson(what, query.get("result"), answer);
			}
		}
	}

	private <T> void compareAll(String label, Map<String, JsonNode> expected, List<T> read, Function<T, String> key,
			Function<T, JsonNode> describe) {
		Map<String, JsonNode> actual = new LinkedHashMap<>();
		read.forEach((item) -> actual.put(key.apply(item), describe.apply(item)));
		this.mismatches.check(label + " ids", new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()));
		expected.forEach((id, node) -> this.mismatches.compare(label + " " + id, node, actual.get(id)));
	}

	private static Map<String, Map<String, JsonNode>> byKey(JsonNode rows, String group, String key) {
		Map<String, Map<String, JsonNode>> grouped = new LinkedHashMap<>();
		for (JsonNode row : rows) {
			grouped.computeIfAbsent(FixtureJson.text(row, group), (g) -> new LinkedHashMap<>())
				.put(FixtureJson.text(row, key), row);
		}
		return grouped;
	}

}
