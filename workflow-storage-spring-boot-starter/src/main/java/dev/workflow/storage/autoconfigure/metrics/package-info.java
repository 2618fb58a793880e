/**
 * Auto-configuration of the workflow storage pool's metrics.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
