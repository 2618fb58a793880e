package dev.workflow.storage.demo;

import java.net.URI;
import java.time.Instant;
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

	record StartRun(@Nullable String runId, @Nullable String workflowName, @Nullable String idempotencyKey,
			@Nullable JsonNode input) {
	}

	record AppendEvent(@Nullable String type, @Nullable JsonNode data) {
	}

	record ChangeStatus(@Nullable String status, @Nullable String result, @Nullable String error) {
	}

	record Appended(int sequence) {
	}

	record Page(List<RunView> runs, @Nullable String nextCursor) {
	}

	@PostMapping
	ResponseEntity<RunView> start(@RequestBody StartRun request) {
		WorkflowRun run = WorkflowRun
			.builder((request.runId() != null) ? request.runId() : "run-" + UUID.randomUUID(), request.workflowName())
			.idempotencyKey(request.idempotencyKey())
			.inputKwargs((request.input() != null) ? request.input().toString() : "{}")
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
			.withStatus((status != null) ? RunStatus.fromValue(status) : null)
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
		if (request.status() == null) {
			throw new IllegalArgumentException("status is required, one of " + statuses());
		}
		this.storage.updateRunStatus(runId, RunStatus.fromValue(request.status()), request.result(), request.error());
		return get(runId);
	}

	@PostMapping("/{runId}/events")
	ResponseEntity<Appended> append(@PathVariable String runId, @RequestBody AppendEvent request) {
		String data = (request.data() != null) ? request.data().toString() : "{}";
		int sequence = this.storage
			.recordEvent(Event.of("evt-" + UUID.randomUUID(), runId, request.type(), Instant.now(), data));
		return ResponseEntity.created(URI.create("/runs/" + runId + "/events")).body(new Appended(sequence));
	}

	@GetMapping("/{runId}/events")
	List<EventView> events(@PathVariable String runId) {
		if (this.storage.getRun(runId).isEmpty()) {
			throw new NotFoundException(Operation.GET_EVENTS, "run", runId);
		}
		return this.storage.getEvents(runId).stream().map(EventView::of).toList();
	}

	private static List<String> statuses() {
		return java.util.Arrays.stream(RunStatus.values()).map(RunStatus::value).toList();
	}


}
