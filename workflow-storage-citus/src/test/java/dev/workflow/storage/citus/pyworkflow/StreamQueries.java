package dev.workflow.storage.citus.pyworkflow;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalQuery;
import dev.workflow.storage.model.StreamParentLink;
import dev.workflow.storage.model.StreamSubscription;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The questions of the stream fixture, named and argued as pyworkflow's methods, answered by OUR
 * API in the form the driver's {@code StreamQueries} answers them by pyworkflow's: signal ids in
 * order (equal sequences by signal id, which pyworkflow leaves unordered), step run ids sorted
 * (pyworkflow has no order there), a parent link as a pair, a checkpoint's data.
 */
final class StreamQueries {

	// pyworkflow's defaults for get_signals and fetch_due_scheduled_signals.
	private static final int PYWORKFLOW_DEFAULT_LIMIT = 100;

	private static final Comparator<Signal> SIGNAL_ORDER = Comparator.comparingInt(Signal::sequence)
		.thenComparing(Signal::signalId);

	private final WorkflowStorage storage;

	StreamQueries(WorkflowStorage storage) {
		this.storage = storage;
	}

	/**
	 * A question.
	 * @param op the pyworkflow method
	 * @param args its arguments, by pyworkflow's parameter names
	 * @return the question, for {@link #ask}
	 */
	static ObjectNode query(String op, Map<String, Object> args) {
		ObjectNode node = FixtureJson.object();
		node.put("op", op);
		node.set("args", PyworkflowDriver.JSON.valueToTree(args));
		return node;
	}

	/**
	 * Answers questions, as the writer of a fixture describes them.
	 * @param queries the questions
	 * @return each with its {@code result}
	 */
	ArrayNode answer(List<ObjectNode> queries) {
		ArrayNode answered = FixtureJson.array();
		for (ObjectNode query : queries) {
			answered.add(query.deepCopy().set("result", ask(FixtureJson.text(query, "op"), query.get("args"))));
		}
		return answered;
	}

	/**
	 * Answers one question.
	 * @param op the pyworkflow method it is named after
	 * @param args its arguments
	 * @return the answer
	 */
	JsonNode ask(String op, JsonNode args) {
		WorkflowStorage s = this.storage;
		String streamId = FixtureJson.text(args, "stream_id");
		return switch (op) {
			case "query_stream_signals" -> signalIds(s.queryStreamSignals(signalQuery(args)));
			case "get_signals" -> signalIds(s.getSignals(streamId, args.get("after_sequence").asInt(),
					integer(args, "limit", PYWORKFLOW_DEFAULT_LIMIT))
				.stream()
				.sorted(SIGNAL_ORDER)
				.toList());
			case "get_pending_signals" -> signalIds(s.getPendingSignals(streamId, FixtureJson.text(args, "step_run_id"))
				.stream()
				.sorted(SIGNAL_ORDER)
				.toList());
			case "get_waiting_steps" -> stepRunIds(s.getWaitingSteps(streamId, FixtureJson.text(args, "signal_type"),
					FixtureJson.text(args, "stream_run_id")));
			case "get_subscriptions_for_stream" -> stepRunIds(s.getSubscriptionsForStream(streamId,
					FixtureJson.text(args, "signal_type"), FixtureJson.text(args, "stream_run_id")));
			case "get_subscription_states" -> stepRunIds(
					s.getSubscriptionStates(streamId, FixtureJson.text(args, "stream_run_id")));
			case "get_stream_parent_link" -> link(
					s.getStreamParentLink(streamId, FixtureJson.text(args, "stream_run_id")).orElse(null));
			case "fetch_due_scheduled_signals" -> ids(s
				.fetchDueScheduledSignals(FixtureJson.instant(args.get("now")), PYWORKFLOW_DEFAULT_LIMIT)
				.stream()
				.map((signal) -> signal.id())
				.toList());
			case "load_checkpoint" -> s.loadCheckpoint(FixtureJson.text(args, "step_run_id"))
				.map((checkpoint) -> FixtureJson.parse(checkpoint.data()))
				.orElse(JsonNodeFactory.instance.nullNode());
			case "get_stream" -> s.getStream(streamId)
				.map((stream) -> (JsonNode) JsonNodeFactory.instance.stringNode(stream.streamId()))
				.orElse(JsonNodeFactory.instance.nullNode());
			default -> throw new IllegalArgumentException("unknown query " + op);
		};
	}

	// pyworkflow's after_sequence and before_sequence are inclusive, as our bounds are; its
	// last_n ignores them, and its default limit is ours.
	private static SignalQuery signalQuery(JsonNode args) {
		SignalQuery query = SignalQuery.of(FixtureJson.text(args, "stream_id"), FixtureJson.text(args, "stream_run_id"))
			.fromSourceRun(FixtureJson.text(args, "source_run_id"))
			.ofType(FixtureJson.text(args, "signal_type"))
			.betweenSequences(integer(args, "after_sequence", null), integer(args, "before_sequence", null))
			.lastOnes(integer(args, "last_n", null));
		return query.withLimit(integer(args, "limit", SignalQuery.DEFAULT_LIMIT));
	}

	private static @Nullable Integer integer(JsonNode args, String name, @Nullable Integer otherwise) {
		JsonNode value = args.get(name);
		return (value == null || value.isNull()) ? otherwise : Integer.valueOf(value.asInt());
	}

	private static JsonNode signalIds(List<Signal> signals) {
		return ids(signals.stream().map(Signal::signalId).toList());
	}

	private static JsonNode stepRunIds(List<StreamSubscription> subscriptions) {
		return ids(subscriptions.stream().map(StreamSubscription::stepRunId).sorted().toList());
	}

	private static JsonNode ids(List<String> ids) {
		ArrayNode node = FixtureJson.array();
		ids.forEach(node::add);
		return node;
	}

	private static JsonNode link(@Nullable StreamParentLink link) {
		return (link != null) ? ids(List.of(link.parentRunId(), link.parentHookToken()))
				: JsonNodeFactory.instance.nullNode();
	}

	/**
	 * When every undelivered scheduled signal is due.
	 * @return ten years from now
	 */
	static Instant farFuture() {
		return Instant.now().plus(java.time.Duration.ofDays(3650));
	}

}
