package dev.workflow.storage.autoconfigure.replacing;

import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageDataSource;
import dev.workflow.storage.autoconfigure.metrics.WorkflowStoragePoolMetricsAutoConfiguration;
import dev.workflow.storage.model.WorkflowRun;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The README's second way to replace the storage in a test: Spring Framework's
 * {@code @MockitoBean}. Spring registers the mock after auto-configuration has been decided, so
 * the starter's database beans exist; the application is configured for a PostgreSQL on a port
 * where nothing listens, and still starts: none of them connects. The application has a
 * {@code DataSource} of its own and Spring Boot's pool metrics, whose binder walks every
 * {@code DataSource} bean, ours too: the pool must not be there to be built.
 */
@SpringBootTest(properties = { "pyworkflow.storage.type=postgres", "pyworkflow.postgres.host=127.0.0.1",
		"pyworkflow.postgres.port=1", "pyworkflow.postgres.connect-timeout=1s" })
class StorageReplacedByMockitoBeanTests {

	@MockitoBean
	WorkflowStorage storage;

	@Autowired
	WorkflowStorage injected;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theMockIsUsedAndNothingConnects() {
		assertThat(Mockito.mockingDetails(this.injected).isMock()).isTrue();
		given(this.storage.getRun("run-1")).willReturn(Optional.of(WorkflowRun.builder("run-1", "billing").build()));
		assertThat(this.injected.getRun("run-1")).isPresent();
		// The starter's pool is defined (Spring decides mocks after auto-configuration), and Spring
		// Boot's pool metrics hold it, but it never started: nothing connected.
		HikariDataSource pool = this.context.getBean("workflowStorageDataSource", HikariDataSource.class);
		assertThat(pool.isRunning()).isFalse();
		assertThat(pool.getHikariPoolMXBean()).isNull();
		assertThat(this.context.getBean(MeterRegistry.class).find("hikaricp.connections").gauges())
			.noneMatch((gauge) -> "pyworkflow".equals(gauge.getId().getTag("pool")));
		// An application bean may still take it, as before.
		assertThat(this.context.getBean(PoolUser.class).pool()).isSameAs(pool);
	}

	record PoolUser(DataSource pool) {
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WorkflowStorageAutoConfiguration.class, MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
			DataSourcePoolMetricsAutoConfiguration.class, WorkflowStoragePoolMetricsAutoConfiguration.class })
	static class TestApplication {

		// The application's own, never connected to here.
		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), "jdbc:postgresql://127.0.0.1:1/app");
		}

		// A bean of the application's reading pyworkflow's tables through the storage's pool.
		@Bean
		PoolUser poolUser(@WorkflowStorageDataSource DataSource pool) {
			return new PoolUser(pool);
		}

	}

}
