package dev.workflow.storage.autoconfigure.health;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration;
import dev.workflow.storage.health.WorkflowStorageHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the {@code workflowStorage} health indicator when Spring Boot's health support
 * is present. The contributor is named {@code workflowStorage} from the bean name (Boot drops the
 * {@code HealthIndicator} suffix); its switch is {@code management.health.workflowstorage.enabled},
 * lower case like Boot's own {@code diskspace} for {@code diskSpace}, since a camel-case key is not
 * a canonical property name and relaxed binding (kebab case, environment variables) would miss it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WorkflowStorageAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
// One storage to report on: with several (a decorator of the application's beside its backend), the
// primary one if marked, else none rather than a failed start.
@ConditionalOnSingleCandidate(WorkflowStorage.class)
@ConditionalOnEnabledHealthIndicator("workflowstorage")
public final class WorkflowStorageHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(value = WorkflowStorageHealthIndicator.class, name = "workflowStorageHealthIndicator")
	WorkflowStorageHealthIndicator workflowStorageHealthIndicator(WorkflowStorage storage) {
		return new WorkflowStorageHealthIndicator(storage);
	}

}
