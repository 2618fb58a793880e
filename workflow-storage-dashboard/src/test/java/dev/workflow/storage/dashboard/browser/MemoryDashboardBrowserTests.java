package dev.workflow.storage.dashboard.browser;

import org.springframework.test.context.TestPropertySource;

/**
 * The dashboard in Chromium over the starter's in-memory storage.
 */
@TestPropertySource(properties = "pyworkflow.storage.type=memory")
class MemoryDashboardBrowserTests extends DashboardBrowserTests {

}
