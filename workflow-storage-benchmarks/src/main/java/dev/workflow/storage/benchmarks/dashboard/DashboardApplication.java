package dev.workflow.storage.benchmarks.dashboard;

import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.CitusWorkflowStorage;
import dev.workflow.storage.postgres.PostgresWorkflowStorage;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The application the dashboard benchmarks measure: a Spring Boot servlet application on Tomcat
 * at a random port, with one {@link WorkflowStorage} bean over the database it is given and the
 * dashboard auto-configured as any application gets it (at {@code /workflows}, read-only, the
 * default polling interval unless {@code --pyworkflow.storage.dashboard.refresh-interval} says
 * otherwise), plus {@link ServerTimings}' filter and {@link BenchRoutes}.
 *
 * <p>
 * {@link DashboardBenchmark} starts it in a JVM of its own, so that the process's CPU time is the
 * application's alone (not the benchmark's clients' or writers'). Arguments: {@code --bench.backend=}
 * ({@code postgres} or {@code citus}), {@code --bench.jdbc-url=}, {@code --bench.username=},
 * {@code --bench.password=}. It prints {@value #READY} and its port once it serves.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DashboardApplication {

	/**
	 * What the application prints, followed by its port, once it serves.
	 */
	static final String READY = "dashboard-application-port=";

	/**
	 * Connections of the application's pool: a common size for a service, more than the 20 live
	 * pages poll with at once.
	 */
	private static final int POOL_SIZE = 10;

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(DashboardApplication.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(Map.of("server.port", "0"));
		ConfigurableApplicationContext context = application.run(args);
		System.out.println(READY + context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	@Bean(destroyMethod = "close")
	HikariDataSource workflowStoragePool(Environment environment) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(environment.getRequiredProperty("bench.jdbc-url"));
		config.setUsername(environment.getRequiredProperty("bench.username"));
		config.setPassword(environment.getProperty("bench.password", ""));
		config.setMaximumPoolSize(POOL_SIZE);
		config.setMinimumIdle(POOL_SIZE);
		config.setPoolName("dashboard-application");
		return new HikariDataSource(config);
	}

	@Bean
	SwitchableRecording statementRecording(HikariDataSource workflowStoragePool) {
		return new SwitchableRecording(workflowStoragePool);
	}

	@Bean
	WorkflowStorage workflowStorage(SwitchableRecording statementRecording, Environment environment) {
		return "citus".equals(environment.getRequiredProperty("bench.backend"))
				? new CitusWorkflowStorage(statementRecording) : new PostgresWorkflowStorage(statementRecording);
	}

	@Bean
	ServerTimings serverTimings() {
		return new ServerTimings();
	}

	@Bean
	FilterRegistrationBean<jakarta.servlet.Filter> serverTimingFilter(ServerTimings serverTimings) {
		FilterRegistrationBean<jakarta.servlet.Filter> registration = new FilterRegistrationBean<>(serverTimings.filter());
		registration.setName("benchServerTimings");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	RouterFunction<ServerResponse> benchRoutes(WorkflowStorage workflowStorage, ServerTimings serverTimings,
			SwitchableRecording statementRecording) {
		return new BenchRoutes(workflowStorage, serverTimings, statementRecording).routes();
	}

}
