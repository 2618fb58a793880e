package dev.workflow.storage.autoconfigure.metrics;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.autoconfigure.WorkflowStorageProperties;
import dev.workflow.storage.metrics.MeteredWorkflowStorage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures timing of every workflow storage operation when a Micrometer
 * {@link MeterRegistry} exists.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WorkflowStorageAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class WorkflowStorageMetricsAutoConfiguration {

	@Bean
	static BeanPostProcessor workflowStorageMetricsPostProcessor(ObjectProvider<MeterRegistry> registry,
			ObjectProvider<WorkflowStorageProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof WorkflowStorage storage) {
					String backend = properties.getObject().getStorage().getType().name().toLowerCase(java.util.Locale.ROOT);
					return MeteredWorkflowStorage.wrap(storage, registry.getObject(), backend);
				}
				return bean;
			}

		};
	}

}
