package dev.workflow.storage.demo;

import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.demo.HttpJson.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * How failures inside the storage reach clients: an unreachable store is a 503 that does not echo
 * the driver, and a bug (an {@link IllegalArgumentException} not ours) is a 500, not a 400.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "demo.sample-run=false")
class DemoFailureTests {

	@MockitoBean
	WorkflowStorage storage;

	@LocalServerPort
	int port;

	@Test
	void unavailableStorageIsA503WithoutTheDriversMessage() {
		given(this.storage.getRun("down")).willThrow(new StorageAccessException(Operation.GET_RUN,
				"getRun failed: Connection to db.internal:5432 refused (password=hunter2)"));
		Reply reply = new HttpJson(this.port).get("/runs/down");
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.body().get("detail").asString()).isEqualTo("workflow storage unavailable");
		assertThat(reply.body().toString()).doesNotContain("db.internal").doesNotContain("hunter2");
	}

	@Test
	void anIllegalArgumentFromABugIsA500() {
		given(this.storage.getRun("buggy")).willThrow(new IllegalArgumentException("internal detail"));
		Reply reply = new HttpJson(this.port).get("/runs/buggy");
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.body().toString()).doesNotContain("internal detail");
	}

}
