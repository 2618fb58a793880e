package dev.workflow.storage.demo;

import java.util.HashSet;
import java.util.Set;

import dev.workflow.storage.demo.HttpJson.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo over real HTTP on a random port, on the in-memory default.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoApplicationTests {

	@LocalServerPort
	int port;

	HttpJson http;

	@BeforeEach
	void client() {
		this.http = new HttpJson(this.port);
	}

	@Test
	void sampleRunIsRecordedAtStartup() {
		Reply run = this.http.get("/runs/sample-run");
		assertThat(run.status()).isEqualTo(200);
		assertThat(run.body().get("status").asString()).isEqualTo("running");
		assertThat(run.body().get("input").get("order_id").asString()).isEqualTo("A-1001");
		Reply events = this.http.get("/runs/sample-run/events");
		assertThat(events.body()).hasSize(2);
		assertThat(events.body().get(1).get("data").get("step_id").asString()).isEqualTo("reserve_stock");
		assertThat(this.http.get("/runs").body().get("runs").toString()).contains("sample-run");
	}

	@Test
	void runIsStartedAppendedMovedAndRead() {
		Reply started = this.http.post("/runs", "{\"workflowName\": \"billing\", \"input\": {\"amount\": 5}}");
		assertThat(started.status()).isEqualTo(201);
		String runId = started.body().get("runId").asString();
		assertThat(this.http.post("/runs/" + runId + "/events", "{\"type\": \"workflow.started\"}").body()
			.get("sequence")
			.asInt()).isZero();
		assertThat(this.http
			.post("/runs/" + runId + "/events", "{\"type\": \"step.completed\", \"data\": {\"step_id\": \"charge\"}}")
			.body()
			.get("sequence")
			.asInt()).isEqualTo(1);
		Reply moved = this.http.put("/runs/" + runId + "/status", "{\"status\": \"completed\", \"result\": \"42\"}");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.body().get("status").asString()).isEqualTo("completed");
		assertThat(moved.body().get("completedAt").isNull()).isFalse();
		JsonNode events = this.http.get("/runs/" + runId + "/events").body();
		assertThat(events).hasSize(2);
		assertThat(events.get(1).get("data").get("step_id").asString()).isEqualTo("charge");
	}

	@Test
	void listingPagesWithTheCursor() {
		for (int i = 0; i < 5; i++) {
			this.http.post("/runs", "{\"workflowName\": \"paged_workflow\"}");
		}
		Set<String> seen = new HashSet<>();
		String path = "/runs?query=paged_workflow&limit=2";
		int pages = 0;
		while (path != null) {
			JsonNode page = this.http.get(path).body();
			page.get("runs").forEach((run) -> seen.add(run.get("runId").asString()));
			JsonNode cursor = page.get("nextCursor");
			path = (cursor == null || cursor.isNull()) ? null
					: "/runs?query=paged_workflow&limit=2&cursor=" + cursor.asString();
			pages++;
		}
		assertThat(seen).hasSize(5);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void duplicateIdempotencyKeyIsAConflictNamingTheFirstRun() {
		Reply first = this.http.post("/runs", "{\"workflowName\": \"once\", \"idempotencyKey\": \"key-409\"}");
		Reply second = this.http.post("/runs", "{\"workflowName\": \"once\", \"idempotencyKey\": \"key-409\"}");
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.contentType()).startsWith("application/problem+json");
		assertThat(second.body().get("existingRunId").asString()).isEqualTo(first.body().get("runId").asString());
	}

	@Test
	void badRequestsAre400Problems() {
		Reply blank = this.http.post("/runs", "{\"workflowName\": \" \"}");
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.contentType()).startsWith("application/problem+json");
		assertThat(blank.body().get("detail").asString()).contains("createRun").contains("workflowName");
		assertThat(this.http.post("/runs", "{not json").status()).isEqualTo(400);
		assertThat(this.http.put("/runs/sample-run/status", "{\"status\": \"sleeping\"}").status()).isEqualTo(400);
		assertThat(this.http.get("/runs?limit=0").status()).isEqualTo(400);
		assertThat(this.http.get("/runs?cursor=nowhere").body().get("detail").asString()).contains("unknown cursor");
		assertThat(this.http.post("/runs/sample-run/events", "{\"type\": \"\"}").status()).isEqualTo(400);
	}

	@Test
	void unknownIdsAre404Problems() {
		Reply missing = this.http.get("/runs/no-such-run");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body().get("detail").asString()).contains("no-such-run");
		assertThat(this.http.get("/runs/no-such-run/events").status()).isEqualTo(404);
		assertThat(this.http.post("/runs/no-such-run/events", "{\"type\": \"workflow.started\"}").status()).isEqualTo(404);
		assertThat(this.http.put("/runs/no-such-run/status", "{\"status\": \"failed\"}").status()).isEqualTo(404);
	}

	@Test
	void bodiesOverOneMegabyteAreRefusedAndNeverStored() {
		String runId = "big-" + "x".repeat(100);
		String body = "{\"runId\": \"" + runId + "\", \"workflowName\": \"big\", \"input\": {\"pad\": \""
				+ "y".repeat(2_000_000) + "\"}}";
		Reply big = this.http.post("/runs", body);
		assertThat(big.status()).isIn(400, 413);
		assertThat(big.contentType()).startsWith("application/problem+json");
		assertThat(this.http.get("/runs/" + runId).status()).isEqualTo(404);
		Reply chunked = this.http.postChunked("/runs", body);
		assertThat(chunked.status()).isIn(400, 413);
		assertThat(chunked.contentType()).startsWith("application/problem+json");
		assertThat(this.http.get("/runs/" + runId).status()).isEqualTo(404);
		assertThat(this.http.postChunked("/runs", "{\"workflowName\": \"small\"}").status()).isEqualTo(201);
	}

	@Test
	void overlongIdsAndUnpairedSurrogatesAre400sNamingTheFieldAndListingStillWorks() {
		Reply longId = this.http.post("/runs", "{\"runId\": \"" + "r".repeat(600) + "\", \"workflowName\": \"w\"}");
		assertThat(longId.status()).isEqualTo(400);
		assertThat(longId.contentType()).startsWith("application/problem+json");
		assertThat(longId.body().get("detail").asString()).contains("runId");
		Reply surrogateInput = this.http.post("/runs", "{\"workflowName\": \"w\", \"input\": {\"note\": \"\\ud800\"}}");
		assertThat(surrogateInput.status()).isEqualTo(400);
		assertThat(surrogateInput.body().get("detail").asString()).contains("input");
		Reply surrogateId = this.http.post("/runs", "{\"runId\": \"a\\udc00\", \"workflowName\": \"w\"}");
		assertThat(surrogateId.status()).isEqualTo(400);
		assertThat(surrogateId.body().get("detail").asString()).contains("runId");
		assertThat(this.http.get("/runs").status()).isEqualTo(200);
		assertThat(this.http.get("/runs?query=w").status()).isEqualTo(200);
	}

	@Test
	void requestBodiesAreValidatedNamingTheField() {
		assertInvalid(this.http.post("/runs", "{}"), "workflowName");
		assertInvalid(this.http.post("/runs", "{\"workflowName\": \"w\", \"input\": [1]}"), "input");
		assertInvalid(this.http.post("/runs/sample-run/events", "{}"), "type");
		assertInvalid(this.http.post("/runs/sample-run/events", "{\"type\": \"t\", \"data\": 5}"), "data");
		assertInvalid(this.http.put("/runs/sample-run/status", "{}"), "status");
		assertInvalid(this.http.put("/runs/sample-run/status", "{\"status\": \"sleeping\"}"), "status");
		assertInvalid(this.http.get("/runs?status=sleeping"), "status");
	}

	private static void assertInvalid(Reply reply, String field) {
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.body().get("field").asString()).isEqualTo(field);
		assertThat(reply.body().get("detail").asString()).contains(field);
	}

	@Test
	void appendedEventsLocationPointsAtTheEvent() {
		String runId = this.http.post("/runs", "{\"workflowName\": \"located\"}").body().get("runId").asString();
		this.http.post("/runs/" + runId + "/events", "{\"type\": \"workflow.started\"}");
		Reply appended = this.http.post("/runs/" + runId + "/events", "{\"type\": \"step.completed\", \"data\": {\"n\": 7}}");
		assertThat(appended.location()).isEqualTo("/runs/" + runId + "/events/1");
		Reply event = this.http.get(appended.location());
		assertThat(event.status()).isEqualTo(200);
		assertThat(event.body().get("sequence").asInt()).isEqualTo(1);
		assertThat(event.body().get("data").get("n").asInt()).isEqualTo(7);
		Reply none = this.http.get("/runs/" + runId + "/events/2");
		assertThat(none.status()).isEqualTo(404);
		assertThat(none.contentType()).startsWith("application/problem+json");
		assertThat(this.http.get("/runs/no-such-run/events/0").status()).isEqualTo(404);
	}

	@Test
	void healthShowsWorkflowStorage() {
		Reply health = this.http.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body().get("status").asString()).isEqualTo("UP");
		assertThat(health.body().get("components").get("workflowStorage").get("details").get("backend").asString())
			.isEqualTo("memory");
	}

}
