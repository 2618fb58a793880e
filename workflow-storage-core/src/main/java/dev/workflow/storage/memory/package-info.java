/**
 * The in-memory backend, the embedded default.
 */
@NullMarked
package dev.workflow.storage.memory;

import org.jspecify.annotations.NullMarked;
