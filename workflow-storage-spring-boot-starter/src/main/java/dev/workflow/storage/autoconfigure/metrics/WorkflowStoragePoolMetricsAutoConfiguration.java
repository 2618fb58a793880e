package dev.workflow.storage.autoconfigure.metrics;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures HikariCP's meters ({@code hikaricp.connections*}, tagged with the pool's name,
 * {@code pyworkflow}) for the pool the starter builds, when a Micrometer {@link MeterRegistry}
 * exists. Spring Boot's DataSource pool metrics leave that pool out when it is the application's
 * only {@code DataSource}, as it is never a default candidate, and are missing altogether
 * without {@code spring-boot-jdbc}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WorkflowStorageAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, MicrometerMetricsTrackerFactory.class })
@ConditionalOnBean(MeterRegistry.class)
public final class WorkflowStoragePoolMetricsAutoConfiguration {

	// By name: the pool's configuration is not a default candidate, which a type would not match.
	// It is missing when the application provides the storage or its DataSource.
	@Bean
	@ConditionalOnBean(name = "workflowStoragePoolConfig")
	WorkflowStoragePoolMetrics workflowStoragePoolMetrics(ObjectProvider<MeterRegistry> registry) {
		return new WorkflowStoragePoolMetrics(registry);
	}

}
