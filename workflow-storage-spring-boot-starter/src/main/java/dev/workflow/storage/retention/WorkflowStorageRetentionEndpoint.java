package dev.workflow.storage.retention;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code workflowstorageretention} actuator endpoint: the last retention pass (read), and a
 * pass run now (write, a {@code POST}).
 *
 * @since 0.3.0
 */
@Endpoint(id = "workflowstorageretention")
public class WorkflowStorageRetentionEndpoint {

	private final WorkflowStorageRetention retention;

	public WorkflowStorageRetentionEndpoint(WorkflowStorageRetention retention) {
		this.retention = retention;
	}

	@ReadOperation
	public Map<String, Object> lastPass() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("days", this.retention.days());
		this.retention.lastPass().ifPresent((pass) -> body.put("lastPass", describe(pass)));
		return body;
	}

	@WriteOperation
	public Map<String, Object> runPass() {
		return describe(this.retention.runPass());
	}

	private static Map<String, Object> describe(CompletedRetentionPass completed) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("cutoff", completed.cutoff().toString());
		body.put("endedAt", completed.endedAt().toString());
		body.put("durationMillis", completed.duration().toMillis());
		body.put("skipped", completed.pass().skipped());
		body.put("runs", completed.pass().runs());
		body.put("batches", completed.pass().batches());
		body.put("rows", completed.pass().rows());
		return body;
	}

}
