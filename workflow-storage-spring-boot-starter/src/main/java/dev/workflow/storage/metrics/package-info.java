/**
 * Micrometer timing of workflow storage operations.
 */
@NullMarked
package dev.workflow.storage.metrics;

import org.jspecify.annotations.NullMarked;
