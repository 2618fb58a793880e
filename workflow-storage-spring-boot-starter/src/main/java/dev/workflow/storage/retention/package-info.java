/**
 * Retention passes of a workflow storage on a schedule, with their log lines and meters.
 */
@NullMarked
package dev.workflow.storage.retention;

import org.jspecify.annotations.NullMarked;
