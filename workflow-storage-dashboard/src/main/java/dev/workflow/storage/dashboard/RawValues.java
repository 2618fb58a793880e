package dev.workflow.storage.dashboard;

import java.util.Optional;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.Signal;
import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A whole stored value that a page shows cut, as plain text (never HTML, and with
 * {@code nosniff}, so no browser takes it for markup): a run's arguments, result, context or
 * error; an event's data; a step's error or result; a hook's payload; a signal's payload.
 */
final class RawValues {

	// Enough to hold every signal of one sequence of a stream in all but extreme cases.
	private static final int SIGNALS_SEARCHED = 1000;

	private final WorkflowStorage storage;

	RawValues(WorkflowStorage storage) {
		this.storage = storage;
	}

	ServerResponse serve(ServerRequest request) {
		String streamId = Params.id(request, "stream");
		Optional<String> value = (streamId != null) ? signalPayload(request, streamId) : runValue(request);
		return Responses.text(HttpStatus.OK,
				value.orElseThrow(() -> DashboardProblem.notFound("There is no such stored value.")));
	}

	private Optional<String> runValue(ServerRequest request) {
		String runId = Params.requiredId(request, "run");
		Integer sequence = Params.integer(request, "event", 0, Integer.MAX_VALUE);
		String stepId = Params.id(request, "step");
		String hookId = Params.id(request, "hook");
		String field = Params.text(request, "field");
		if (sequence != null) {
			RunLookup.require(this.storage, runId);
			return this.storage.getEvents(runId)
				.stream()
				.filter((event) -> event.sequence() == sequence)
				.findFirst()
				.map(Event::data);
		}
		if (stepId != null) {
			return this.storage.getStep(stepId)
				.filter((step) -> step.runId().equals(runId))
				.map((step) -> stepField(step, field));
		}
		if (hookId != null) {
			return this.storage.getHook(hookId, runId).map(Hook::payload);
		}
		return Optional.ofNullable(runField(RunLookup.require(this.storage, runId), field));
	}

	private static @Nullable String runField(WorkflowRun run, @Nullable String field) {
		if (field == null) {
			throw DashboardProblem.badRequest("Say which value: field, event, step or hook.");
		}
		return switch (field) {
			case "input_args" -> run.inputArgs();
			case "input_kwargs" -> run.inputKwargs();
			case "result" -> run.result();
			case "context" -> run.context();
			case "error" -> run.error();
			default -> throw DashboardProblem
				.badRequest("A run's field is one of input_args, input_kwargs, result, context and error.");
		};
	}

	private static @Nullable String stepField(Step step, @Nullable String field) {
		if ("error".equals(field)) {
			return step.error();
		}
		if ("result".equals(field)) {
			return step.result();
		}
		throw DashboardProblem.badRequest("A step's field is error or result.");
	}

	private Optional<String> signalPayload(ServerRequest request, String streamId) {
		Integer sequence = Params.integer(request, "sequence", 0, Integer.MAX_VALUE);
		String signalId = Params.requiredId(request, "signal");
		if (sequence == null) {
			throw DashboardProblem.badRequest("The parameter \"sequence\" is required.");
		}
		return this.storage.getSignals(streamId, sequence, SIGNALS_SEARCHED)
			.stream()
			.filter((signal) -> signal.signalId().equals(signalId))
			.findFirst()
			.map(Signal::payload);
	}

}
