package dev.workflow.storage.dashboard.browser;

import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in Chromium over PostgreSQL (the test-support module's embedded server), the
 * storage and its schema set up by the starter from pyworkflow's settings.
 */
class PostgresDashboardBrowserTests extends DashboardBrowserTests {

	private static final String DATABASE = EmbeddedPostgresServer.createDatabase("dashboard_browser");

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresServer.pyworkflowProperties("postgres", DATABASE)
			.forEach((name, value) -> registry.add(name, () -> value));
	}

}
