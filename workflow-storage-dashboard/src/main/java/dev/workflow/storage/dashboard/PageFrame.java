package dev.workflow.storage.dashboard;

import dev.workflow.storage.dashboard.SpringSecurityCsrf.CsrfHeader;
import org.jspecify.annotations.Nullable;

/**
 * What every page's layout reads: its title and section, the links, whether actions are shown,
 * the polling interval, the CSRF token to send, and the assets.
 *
 * @param title the page's title
 * @param section the navigation entry to highlight: overview, runs, schedules or streams
 * @param links the request's links
 * @param readOnly whether actions are hidden
 * @param refreshMillis the polling interval in milliseconds; 0 for no live updates
 * @param csrf Spring Security's CSRF header, if any
 * @param styleHref the style sheet's URL
 * @param scriptHref the script's URL
 * @param iconHref the icon's URL
 */
record PageFrame(String title, String section, DashboardLinks links, boolean readOnly, long refreshMillis,
		@Nullable CsrfHeader csrf, String styleHref, String scriptHref, String iconHref) {

}
