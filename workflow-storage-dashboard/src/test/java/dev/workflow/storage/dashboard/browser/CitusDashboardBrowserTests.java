package dev.workflow.storage.dashboard.browser;

import java.time.Clock;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusSchemaMigrator;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.citus.testing.CitusServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in Chromium over the local Citus cluster (coordinator and two workers), where one
 * can be had: a storage of the application's own, on a database of the cluster with the Citus
 * schema, which the starter's storage backs off for.
 */
@EnabledIfCitusCluster
@Import(CitusDashboardBrowserTests.CitusStorage.class)
@TestPropertySource(properties = "pyworkflow.storage.type=memory")
class CitusDashboardBrowserTests extends DashboardBrowserTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class CitusStorage {

		@Bean
		WorkflowStorage citusWorkflowStorage() {
			DataSource dataSource = CitusServer.newDatabase("dashboard_browser");
			new CitusSchemaMigrator(dataSource).migrate();
			return new CitusWorkflowStorage(dataSource, Clock.systemUTC(), EventTypes.pyworkflow());
		}

	}

}
