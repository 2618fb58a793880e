package dev.workflow.storage.demo;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.workflow.storage.model.WorkflowRun;
import org.jspecify.annotations.Nullable;

/**
 * A run as the API shows it: statuses as pyworkflow writes them, the context as JSON.
 */
record RunView(String runId, String workflowName, String status, Instant createdAt, Instant updatedAt,
		@Nullable Instant completedAt, @Nullable String idempotencyKey, @JsonRawValue String input,
		@Nullable String result, @Nullable String error, @JsonRawValue String context) {

	static RunView of(WorkflowRun run) {
		return new RunView(run.runId(), run.workflowName(), run.status().value(), run.createdAt(), run.updatedAt(),
				run.completedAt(), run.idempotencyKey(), run.inputKwargs(), run.result(), run.error(), run.context());
	}

}
