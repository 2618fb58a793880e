package dev.workflow.storage.demo;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health indicator's switch follows Boot's key convention (lower case, like
 * {@code management.health.diskspace.enabled} for {@code diskSpace}), so the canonical key and
 * the environment variable {@code MANAGEMENT_HEALTH_WORKFLOWSTORAGE_ENABLED} both turn it off.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.health.workflowstorage.enabled=false")
class DemoHealthTests {

	@LocalServerPort
	int port;

	@Test
	void canonicalKeyTurnsTheIndicatorOff() {
		var health = new HttpJson(this.port).get("/actuator/health").body();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").has("workflowStorage")).isFalse();
		assertThat(health.get("components").has("diskSpace")).isTrue();
	}

}
