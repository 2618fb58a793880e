package dev.workflow.storage.dashboard.autoconfigure;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.dashboard.DashboardSettings;
import dev.workflow.storage.dashboard.WorkflowStorageDashboard;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;

/**
 * Auto-configures the workflow storage dashboard in a servlet web application with Spring MVC
 * and one (or a primary) {@link WorkflowStorage}: served at {@code pyworkflow.storage.dashboard.path}
 * (default {@code /workflows}), read-only unless {@code pyworkflow.storage.dashboard.read-only=false},
 * off with {@code pyworkflow.storage.dashboard.enabled=false}. A {@link DashboardSettings} or
 * {@link WorkflowStorageDashboard} bean of the application's own replaces the one defined here.
 *
 * @since 0.3.0
 */
@AutoConfiguration(afterName = "dev.workflow.storage.autoconfigure.WorkflowStorageAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnSingleCandidate(WorkflowStorage.class)
@ConditionalOnBooleanProperty(name = "pyworkflow.storage.dashboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WorkflowStorageDashboardProperties.class)
public final class WorkflowStorageDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DashboardSettings workflowStorageDashboardSettings(WorkflowStorageDashboardProperties properties) {
		return properties.toSettings();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowStorageDashboard workflowStorageDashboard(WorkflowStorage storage, DashboardSettings settings) {
		return new WorkflowStorageDashboard(storage, settings);
	}

}
