package dev.workflow.storage.dashboard.autoconfigure;

import java.time.Duration;

import dev.workflow.storage.dashboard.DashboardSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the workflow storage dashboard.
 *
 * @since 0.3.0
 */
@ConfigurationProperties("pyworkflow.storage.dashboard")
public class WorkflowStorageDashboardProperties {

	/**
	 * Whether the dashboard is served.
	 */
	private boolean enabled = true;

	/**
	 * The path the dashboard is served at, below the servlet context path.
	 */
	private String path = DashboardSettings.DEFAULT_PATH;

	/**
	 * Whether the dashboard only shows: when true, cancelling runs and pausing or resuming
	 * schedules are hidden and refused.
	 */
	private boolean readOnly = true;

	/**
	 * How often an open run page and the runs list poll for changes; 0 turns live updates off.
	 */
	private Duration refreshInterval = DashboardSettings.DEFAULT_REFRESH_INTERVAL;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	/**
	 * The dashboard's settings from these properties.
	 * @return the settings
	 * @throws IllegalArgumentException if the path or interval is not one the dashboard takes
	 */
	public DashboardSettings toSettings() {
		return new DashboardSettings(this.path, this.readOnly, this.refreshInterval);
	}

}
