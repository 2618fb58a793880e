package dev.workflow.storage.dashboard;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the dashboard is mounted, whether it may change anything, and how often its live pages
 * poll.
 *
 * @param path the path below the servlet context, such as {@code /workflows}: a leading slash, no
 * trailing one
 * @param readOnly whether actions (cancel a run, pause or resume a schedule) are refused and hidden
 * @param refreshInterval how often a live page polls; zero turns live updates off
 * @since 0.3.0
 */
public record DashboardSettings(String path, boolean readOnly, Duration refreshInterval) {

	/**
	 * The path when none is configured.
	 */
	public static final String DEFAULT_PATH = "/workflows";

	/**
	 * The polling interval when none is configured.
	 */
	public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

	// Path segments of letters, digits and -._~ only: the path is written into links and a
	// route pattern unencoded, so it must need no encoding in either.
	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

	public DashboardSettings {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(refreshInterval, "refreshInterval");
		path = normalized(path);
		if (!PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("The dashboard path must be one or more segments of letters, digits "
					+ "and -._~ each after a slash, such as /workflows; got \"" + path + "\"");
		}
		if (refreshInterval.isNegative()) {
			throw new IllegalArgumentException("The refresh interval must not be negative; got " + refreshInterval);
		}
	}

	/**
	 * The defaults: mounted at {@value #DEFAULT_PATH}, read-only, polling every 2 seconds.
	 * @return the settings
	 */
	public static DashboardSettings defaults() {
		return new DashboardSettings(DEFAULT_PATH, true, DEFAULT_REFRESH_INTERVAL);
	}

	public DashboardSettings withPath(String path) {
		return new DashboardSettings(path, this.readOnly, this.refreshInterval);
	}

	public DashboardSettings withReadOnly(boolean readOnly) {
		return new DashboardSettings(this.path, readOnly, this.refreshInterval);
	}

	public DashboardSettings withRefreshInterval(Duration refreshInterval) {
		return new DashboardSettings(this.path, this.readOnly, refreshInterval);
	}

	// "workflows", "/workflows/" and "/workflows" mean the same mount point.
	private static String normalized(String path) {
		String trimmed = path.strip();
		if (!trimmed.startsWith("/")) {
			trimmed = "/" + trimmed;
		}
		while (trimmed.length() > 1 && trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

}
