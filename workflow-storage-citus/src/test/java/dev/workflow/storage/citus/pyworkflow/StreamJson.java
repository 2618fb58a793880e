package dev.workflow.storage.citus.pyworkflow;

import dev.workflow.storage.model.Checkpoint;
import dev.workflow.storage.model.ScheduledSignal;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.SignalStream;
import dev.workflow.storage.model.StreamSubscription;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our stream models in the form the pyworkflow driver describes the rows of 45fbe4c's stream
 * tables: its column names, ISO timestamps in UTC with microseconds, the {@code jsonb} columns as
 * JSON values, and a signal of no stream run with a null stream run.
 */
final class StreamJson {

	private StreamJson() {
	}

	static ObjectNode stream(SignalStream stream) {
		ObjectNode node = FixtureJson.object();
		node.put("stream_id", stream.streamId());
		node.put("status", stream.status());
		node.put("created_at", FixtureJson.timestamp(stream.createdAt()));
		node.set("metadata", FixtureJson.parse(stream.metadata()));
		return node;
	}

	static ObjectNode signal(Signal signal) {
		ObjectNode node = FixtureJson.object();
		node.put("signal_id", signal.signalId());
		node.put("stream_id", signal.streamId());
		node.put("stream_run_id", signal.streamRunId());
		node.put("sequence", signal.sequence());
		node.put("signal_type", signal.signalType());
		node.set("payload", FixtureJson.parse(signal.payload()));
		node.put("published_at", FixtureJson.timestamp(signal.publishedAt()));
		node.put("source_run_id", signal.sourceRunId());
		node.set("metadata", FixtureJson.parse(signal.metadata()));
		return node;
	}

	static ObjectNode subscription(StreamSubscription subscription) {
		ObjectNode node = FixtureJson.object();
		node.put("stream_id", subscription.streamId());
		node.put("step_run_id", subscription.stepRunId());
		ArrayNode types = node.putArray("signal_types");
		subscription.signalTypes().forEach(types::add);
		node.put("status", subscription.status().value());
		node.put("stream_run_id", subscription.streamRunId());
		node.put("parent_run_id", subscription.parentRunId());
		node.put("parent_hook_token", subscription.parentHookToken());
		node.set("result", FixtureJson.parse(subscription.result()));
		node.put("created_at", FixtureJson.timestamp(subscription.createdAt()));
		return node;
	}

	static ObjectNode acknowledgment(String signalId, String stepRunId) {
		ObjectNode node = FixtureJson.object();
		node.put("signal_id", signalId);
		node.put("step_run_id", stepRunId);
		return node;
	}

	static ObjectNode scheduledSignal(ScheduledSignal signal) {
		ObjectNode node = FixtureJson.object();
		node.put("id", signal.id());
		node.put("stream_id", signal.streamId());
		node.put("signal_type", signal.signalType());
		node.set("payload", FixtureJson.parse(signal.payload()));
		node.put("due_at", FixtureJson.timestamp(signal.dueAt()));
		node.put("stream_run_id", signal.streamRunId());
		node.set("metadata", FixtureJson.parse(signal.metadata()));
		node.put("delivered", signal.delivered());
		node.put("created_at", FixtureJson.timestamp(signal.createdAt()));
		return node;
	}

	static ObjectNode checkpoint(Checkpoint checkpoint) {
		ObjectNode node = FixtureJson.object();
		node.put("step_run_id", checkpoint.stepRunId());
		node.set("data", FixtureJson.parse(checkpoint.data()));
		node.put("created_at", FixtureJson.timestamp(checkpoint.createdAt()));
		node.put("updated_at", FixtureJson.timestamp(checkpoint.updatedAt()));
		return node;
	}

}
