/**
 * Testcontainers service connections for workflow storage.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
