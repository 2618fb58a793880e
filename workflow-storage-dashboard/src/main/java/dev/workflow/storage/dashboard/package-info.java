/**
 * A run browser served by the application's own Spring MVC: pages for runs, their event
 * timelines, steps, hooks, children, schedules and streams, rendered by a private Thymeleaf
 * engine, with optional actions (cancel a run, pause and resume a schedule).
 */
@NullMarked
package dev.workflow.storage.dashboard;

import org.jspecify.annotations.NullMarked;
