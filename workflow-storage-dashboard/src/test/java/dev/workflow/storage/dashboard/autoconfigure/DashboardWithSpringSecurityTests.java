package dev.workflow.storage.dashboard.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import jakarta.servlet.Filter;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The dashboard mounted in an application with Spring Security and the one-bean configuration
 * the README shows: the role guards every page, and an action passes only with Spring
 * Security's CSRF token, which the page hands its script in meta tags.
 */
class DashboardWithSpringSecurityTests {

	private static final String ACTION_HEADER = "X-Workflow-Dashboard";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WorkflowStorageDashboardAutoConfiguration.class))
		.withUserConfiguration(SecuredApplication.class)
		.withPropertyValues("pyworkflow.storage.dashboard.read-only=false");

	@Test
	void whenNotSignedInShouldRefuseThePages() {
		this.runner.run((context) -> {
			MockMvc mvc = mvc(context.getSourceApplicationContext());
			assertThat(mvc.perform(get("/workflows/runs")).andReturn().getResponse().getStatus()).isEqualTo(401);
			assertThat(mvc.perform(get("/workflows")).andReturn().getResponse().getStatus()).isEqualTo(401);
		});
	}

	@Test
	void whenSignedInWithoutTheRoleShouldRefuseThePages() {
		this.runner.run((context) -> {
			MockMvc mvc = mvc(context.getSourceApplicationContext());
			assertThat(mvc.perform(get("/workflows/runs").header("Authorization", basic("viewer")))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
		});
	}

	@Test
	void whenAnActionLacksTheCsrfTokenShouldBeRefusedBySpringSecurity() {
		this.runner.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			String runId = running(storage);
			MockMvc mvc = mvc(context.getSourceApplicationContext());
			MockHttpServletResponse response = mvc.perform(post("/workflows/run/cancel").param("id", runId)
				.header("Authorization", basic("operator"))
				.header(ACTION_HEADER, "1")).andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(403);
			assertThat(storage.checkCancellationFlag(runId)).isFalse();
		});
	}

	@Test
	void whenAnActionSendsTheTokenThePageGaveShouldAct() {
		this.runner.run((context) -> {
			WorkflowStorage storage = context.getBean(WorkflowStorage.class);
			String runId = running(storage);
			MockMvc mvc = mvc(context.getSourceApplicationContext());
			MockHttpSession session = new MockHttpSession();
			MockHttpServletResponse pageResponse = mvc
				.perform(get("/workflows/run").param("id", runId).session(session).header("Authorization", basic("operator")))
				.andReturn()
				.getResponse();
			assertThat(pageResponse.getStatus()).isEqualTo(200);
			Document page = Jsoup.parse(pageResponse.getContentAsString());
			String header = page.selectFirst("meta[name=workflow-dashboard-csrf-header]").attr("content");
			String token = page.selectFirst("meta[name=workflow-dashboard-csrf-token]").attr("content");
			assertThat(header).isEqualTo("X-CSRF-TOKEN");
			assertThat(token).isNotBlank();

			MockHttpServletResponse response = mvc.perform(post("/workflows/run/cancel").param("id", runId)
				.session(session)
				.header("Authorization", basic("operator"))
				.header(ACTION_HEADER, "1")
				.header(header, token)).andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(storage.checkCancellationFlag(runId)).isTrue();
		});
	}

	@Test
	void whenTheApplicationHasNoSpringSecurityCsrfShouldRenderNoTokenMeta() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WorkflowStorageDashboardAutoConfiguration.class))
			.withUserConfiguration(PlainApplication.class)
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context.getSourceApplicationContext()).build();
				MockHttpServletResponse response = mvc.perform(get("/workflows")).andReturn().getResponse();
				assertThat(response.getStatus()).isEqualTo(200);
				assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'none'");
				Document page = Jsoup.parse(response.getContentAsString());
				assertThat(page.select("meta[name^=workflow-dashboard-csrf]")).isEmpty();
				assertThat(mvc.perform(get("/app/hello")).andReturn().getResponse().getContentAsString()).isEqualTo("hello");
			});
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context)
			.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
			.build();
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	private static String running(WorkflowStorage storage) {
		WorkflowRun run = TestData.run(Instant.now()).status(RunStatus.RUNNING).build();
		storage.createRun(run);
		return run.runId();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@EnableWebSecurity
	static class SecuredApplication {

		@Bean
		WorkflowStorage workflowStorage() {
			return new InMemoryWorkflowStorage();
		}

		// The README's example: one bean.
		@Bean
		SecurityFilterChain workflowDashboardSecurity(HttpSecurity http) throws Exception {
			return http.securityMatcher("/workflows/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("WORKFLOW_OPERATOR"))
				.httpBasic(Customizer.withDefaults())
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}secret").roles("WORKFLOW_OPERATOR").build(),
					User.withUsername("viewer").password("{noop}secret").roles("USER").build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	static class PlainApplication {

		@Bean
		WorkflowStorage workflowStorage() {
			return new InMemoryWorkflowStorage();
		}

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> hello() {
			return org.springframework.web.servlet.function.RouterFunctions.route()
				.GET("/app/hello", (request) -> org.springframework.web.servlet.function.ServerResponse.ok().body("hello"))
				.build();
		}

	}

}
