package dev.workflow.storage.dashboard.browser;

import java.util.List;

import dev.workflow.storage.model.RunStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard behind the application's Spring Security (one filter-chain bean: the dashboard
 * for signed-in users, a login form, Spring Security's CSRF protection as it comes): a visitor
 * signs in before seeing it, the page's cancel carries the CSRF token, and an action without the
 * token is refused even with the dashboard's own header.
 */
@Import(SecuredDashboardBrowserTests.Security.class)
@SpringBootTest(classes = BrowserTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "pyworkflow.storage.type=memory", "pyworkflow.storage.dashboard.read-only=false",
				"spring.security.user.name=operator", "spring.security.user.password=operator-secret" })
class SecuredDashboardBrowserTests extends BrowserTestSupport {

	@TestConfiguration(proxyBeanMethods = false)
	static class Security {

		@Bean
		SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/workflows/**")
				.authenticated()
				.anyRequest()
				.permitAll()).formLogin(Customizer.withDefaults()).build();
		}

	}

	@Test
	void signsInThenCancelsWithTheCsrfTokenAndRefusesAnActionWithoutIt() {
		String runId = createRun(run("secured-" + uid(), "long_job").status(RunStatus.RUNNING));
		String other = createRun(run("secured-other-" + uid(), "long_job").status(RunStatus.RUNNING));

		open("/run?id=" + runId);
		browser.waitFor(ExpectedConditions.urlContains("/login"));
		browser.driver().findElement(org.openqa.selenium.By.id("username")).sendKeys("operator");
		browser.driver().findElement(org.openqa.selenium.By.id("password")).sendKeys("operator-secret");
		browser.driver().findElement(org.openqa.selenium.By.cssSelector("button[type=submit]")).click();
		browser.waitFor(ExpectedConditions.textToBe(HeadlessChromium.byTest("run-id"), runId));

		browser.find("cancel-run").click();
		browser.waitFor(ExpectedConditions.alertIsPresent()).accept();
		browser.waitFor(ExpectedConditions.attributeToBe(HeadlessChromium.byTest("cancel-flag"), "data-requested", "true"));
		assertThat(this.storage.checkCancellationFlag(runId)).isTrue();

		assertThat(browser.fetch("POST", base() + "/run/cancel",
				List.of("Content-Type", "application/x-www-form-urlencoded", "X-Workflow-Dashboard", "1"),
				"id=" + other))
			.isEqualTo(403);
		assertThat(this.storage.checkCancellationFlag(other)).isFalse();
	}

}
