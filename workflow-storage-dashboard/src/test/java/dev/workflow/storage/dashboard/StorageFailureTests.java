package dev.workflow.storage.dashboard;

import java.lang.reflect.Proxy;

import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A storage that cannot be reached: the page and the actions say so in a fixed sentence, and
 * nothing of the driver's message (hosts, user names, SQL, key values) reaches the browser.
 */
class StorageFailureTests {

	// What a driver's message may hold: where the database is, who connects, what a row holds.
	private static final String DRIVER_MESSAGE = "Connection to db.internal:5432 refused for user pyworkflow_admin; Key (idempotency_key)=(order-42)";

	private final DashboardMvc dashboard = DashboardMvc.over(unreachable(),
			DashboardSettings.defaults().withReadOnly(false));

	@Test
	void whenTheStorageFailsAPageShouldSayItInAFixedSentence() {
		MockHttpServletResponse response = this.dashboard.send(get("/workflows/runs"));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(DashboardMvc.body(response)).contains("The storage did not answer")
			.doesNotContain("db.internal")
			.doesNotContain("pyworkflow_admin")
			.doesNotContain("order-42");
	}

	@Test
	void whenTheStorageFailsAnActionShouldAnswerJsonInAFixedSentence() {
		MockHttpServletResponse response = this.dashboard
			.send(post("/workflows/run/cancel").param("id", "run_1").header(ActionGuard.HEADER, "1"));
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("application/json");
		assertThat(DashboardMvc.body(response)).contains("The storage did not answer")
			.doesNotContain("db.internal")
			.doesNotContain("order-42");
	}

	private static WorkflowStorage unreachable() {
		return (WorkflowStorage) Proxy.newProxyInstance(StorageFailureTests.class.getClassLoader(),
				new Class<?>[] { WorkflowStorage.class }, (proxy, method, args) -> {
					throw new StorageAccessException(Operation.GET_RUN,
							"getRun failed for run_1: " + DRIVER_MESSAGE);
				});
	}

}
