/**
 * Immutable types for runs, events, steps, hooks and schedules, and the text each status is
 * stored as.
 */
@NullMarked
package dev.workflow.storage.model;

import org.jspecify.annotations.NullMarked;
