package dev.workflow.storage.autoconfigure.retention;

import java.time.Clock;
import java.util.Objects;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageProperties;
import dev.workflow.storage.retention.RetentionMeters;
import dev.workflow.storage.retention.RetentionPassListener;
import dev.workflow.storage.retention.RetentionScheduler;
import dev.workflow.storage.retention.WorkflowStorageRetention;
import dev.workflow.storage.retention.WorkflowStorageRetentionEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures retention of the one (or primary) {@link WorkflowStorage} when retention days
 * are set ({@code pyworkflow.storage.retention.days}, or pyworkflow's
 * {@code PYWORKFLOW_DATA_RETENTION_DAYS}): a pass every {@code pyworkflow.storage.retention.interval},
 * meters where a {@link MeterRegistry} exists, and the {@code workflowstorageretention} actuator
 * endpoint where the actuator is.
 *
 * @since 0.3.0
 */
@AutoConfiguration(after = WorkflowStorageAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnSingleCandidate(WorkflowStorage.class)
@Conditional(OnRetentionDaysCondition.class)
@EnableConfigurationProperties(WorkflowStorageProperties.class)
public final class WorkflowStorageRetentionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowStorageRetention workflowStorageRetention(WorkflowStorage storage, WorkflowStorageProperties properties,
			ObjectProvider<RetentionPassListener> listeners) {
		return new WorkflowStorageRetention(storage, Objects.requireNonNull(properties.retentionDays()),
				properties.getStorage().getRetention().getBatchSize(), Clock.systemUTC(),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	RetentionScheduler workflowStorageRetentionScheduler(WorkflowStorageRetention retention,
			WorkflowStorageProperties properties) {
		return new RetentionScheduler(retention, properties.getStorage().getRetention().getInterval().toDuration());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RetentionMeters workflowStorageRetentionMeters(MeterRegistry registry) {
			return new RetentionMeters(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WorkflowStorageRetentionEndpoint workflowStorageRetentionEndpoint(WorkflowStorageRetention retention) {
			return new WorkflowStorageRetentionEndpoint(retention);
		}

	}

}
