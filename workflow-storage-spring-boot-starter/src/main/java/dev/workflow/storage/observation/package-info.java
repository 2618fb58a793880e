/**
 * Micrometer Observation instrumentation of workflow storage operations.
 */
@NullMarked
package dev.workflow.storage.observation;

import org.jspecify.annotations.NullMarked;
