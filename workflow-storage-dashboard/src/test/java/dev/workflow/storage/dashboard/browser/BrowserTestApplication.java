package dev.workflow.storage.dashboard.browser;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the browser tests open: Spring MVC, the storage starter and the dashboard,
 * each auto-configured from the test's properties, nothing of its own.
 */
@SpringBootApplication(proxyBeanMethods = false)
class BrowserTestApplication {

	/**
	 * Spring Security's auto-configurations, which the test classpath has (for the tests that
	 * secure the dashboard) and the unsecured tests leave out.
	 */
	static final String WITHOUT_SECURITY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

}
