package dev.workflow.storage.autoconfigure.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.workflow.storage.autoconfigure.WorkflowStoragePoolCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;

/**
 * Gives the pool HikariCP's Micrometer tracker before it starts, so its meters cover the schema
 * migration too. Spring Boot's own Hikari binder leaves a pool that has a tracker alone, so the
 * meters are never registered twice.
 */
class WorkflowStoragePoolMetrics implements WorkflowStoragePoolCustomizer, Ordered {

	private final ObjectProvider<MeterRegistry> registry;

	WorkflowStoragePoolMetrics(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	// Last, and only when no customizer of the application's chose a tracker or registry of its
	// own: HikariCP refuses a registry once a tracker is set.
	@Override
	public void customize(HikariConfig config) {
		if (config.getMetricRegistry() == null && config.getMetricsTrackerFactory() == null) {
			config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(this.registry.getObject()));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
