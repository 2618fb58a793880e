package dev.workflow.storage.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo serves the run browser at {@code /workflows}, with its Content-Security-Policy, and a
 * run created through the demo's REST API shows up on it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoDashboardTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void dashboardAnswersWithItsSecurityPolicy() throws Exception {
		HttpResponse<String> overview = get("/workflows");
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).startsWith("default-src 'none'").contains("connect-src 'self'"));
		assertThat(overview.body()).contains("data-test=\"overview-page\"");
	}

	@Test
	void runCreatedThroughTheApiIsListed() throws Exception {
		var created = new HttpJson(this.port).post("/runs", "{\"workflowName\": \"dashboard_demo\"}");
		assertThat(created.status()).isEqualTo(201);
		String runId = created.body().get("runId").asString();
		HttpResponse<String> runs = get("/workflows/runs?workflow=dashboard_demo");
		assertThat(runs.statusCode()).isEqualTo(200);
		assertThat(runs.body()).contains("data-run-id=\"" + runId + "\"");
		HttpResponse<String> run = get("/workflows/run?id=" + runId);
		assertThat(run.statusCode()).isEqualTo(200);
		// Actions are on in the demo: the page offers the cancel button.
		assertThat(run.body()).contains("id=\"cancel-run\"");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
