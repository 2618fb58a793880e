/**
 * Auto-configuration of workflow storage metrics.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
