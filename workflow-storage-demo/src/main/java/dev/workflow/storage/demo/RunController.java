package dev.workflow.storage.demo;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Runs and their event logs over HTTP. Every rule (ids, JSON objects, limits) is the storage's
 * own: the controller only translates.
 */
@RestController
@RequestMapping("/runs")
class RunController {

	private final WorkflowStorage storage;

	RunController(WorkflowStorage storage) {
		this.storage = storage;
	}

	// Shape checks only (required fields, JSON objects, known statuses): the storage checks the
	// values themselves (blank, length, unpaired surrogates) and says which one is wrong.
	record StartRun(@Nullable String runId, @Nullable String workflowName, @Nullable String idempotencyKey,
			@Nullable JsonNode input) {

		String validWorkflowName() {
			return required("workflowName", this.workflowName);
		}

		String validInput() {
			return jsonObject("input", this.input);
		}

	}

	record AppendEvent(@Nullable String type, @Nullable JsonNode data) {

		String validType() {
			return required("type", this.type);
		}

		String validData() {
			return jsonObject("data", this.data);
		}

	}

	record ChangeStatus(@Nullable String status, @Nullable String result, @Nullable String error) {

		RunStatus validStatus() {
			return parseStatus(required("status", this.status));
		}

	}

	record Appended(int sequence) {
	}

	record Page(List<RunView> runs, @Nullable String nextCursor) {
	}

	@PostMapping
	ResponseEntity<RunView> start(@RequestBody StartRun request) {
		WorkflowRun run = WorkflowRun
			.builder((request.runId() != null) ? request.runId() : "run-" + UUID.randomUUID(), request.validWorkflowName())
			.idempotencyKey(request.idempotencyKey())
			.inputKwargs(request.validInput())
			.build();
		this.storage.createRun(run);
		return ResponseEntity.created(URI.create("/runs/" + run.runId())).body(RunView.of(run));
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String query,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) @Nullable String cursor) {
		RunFilter filter = RunFilter.all()
			.withQuery(query)
			.withStatus((status != null) ? parseStatus(status) : null)
			.withLimit(limit)
			.withCursor(cursor);
		var page = this.storage.listRuns(filter);
		return new Page(page.runs().stream().map(RunView::of).toList(), page.nextCursor().orElse(null));
	}

	@GetMapping("/{runId}")
	RunView get(@PathVariable String runId) {
		return RunView.of(this.storage.getRun(runId).orElseThrow(() -> new NotFoundException(Operation.GET_RUN, "run", runId)));
	}

	@PutMapping("/{runId}/status")
	RunView changeStatus(@PathVariable String runId, @RequestBody ChangeStatus request) {
		this.storage.updateRunStatus(runId, request.validStatus(), request.result(), request.error());
		return get(runId);
	}

	@PostMapping("/{runId}/events")
	ResponseEntity<Appended> append(@PathVariable String runId, @RequestBody AppendEvent request) {
		int sequence = this.storage.recordEvent(
				Event.of("evt-" + UUID.randomUUID(), runId, request.validType(), Instant.now(), request.validData()));
		URI location = UriComponentsBuilder.fromPath("/runs/{runId}/events/{sequence}").build(runId, sequence);
		return ResponseEntity.created(location).body(new Appended(sequence));
	}

	@GetMapping("/{runId}/events/{sequence}")
	EventView event(@PathVariable String runId, @PathVariable int sequence) {
		return events(runId).stream()
			.filter((event) -> event.sequence() == sequence)
			.findFirst()
			.orElseThrow(() -> new NotFoundException(Operation.GET_EVENTS, "event", runId + "/" + sequence));
	}

	@GetMapping("/{runId}/events")
	List<EventView> events(@PathVariable String runId) {
		if (this.storage.getRun(runId).isEmpty()) {
			throw new NotFoundException(Operation.GET_EVENTS, "run", runId);
		}
		return this.storage.getEvents(runId).stream().map(EventView::of).toList();
	}

	private static List<String> statuses() {
		return Arrays.stream(RunStatus.values()).map(RunStatus::value).toList();
	}

	// RunStatus.fromValue's IllegalArgumentException would be a 500 here: bad input is ours to name.
	private static RunStatus parseStatus(String value) {
		return Arrays.stream(RunStatus.values())
			.filter((candidate) -> candidate.value().equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("status", "must be one of " + statuses()));
	}

	private static String required(String field, @Nullable String value) {
		if (value == null) {
			throw new InvalidRequestException(field, "is required");
		}
		return value;
	}

	// Absent means empty; anything but an object is refused here, naming the API's field.
	private static String jsonObject(String field, @Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return "{}";
		}
		if (!value.isObject()) {
			throw new InvalidRequestException(field, "must be a JSON object");
		}
		return value.toString();
	}

}
