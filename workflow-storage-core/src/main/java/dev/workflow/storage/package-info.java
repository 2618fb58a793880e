/**
 * The workflow storage contract shared with pyworkflow, and the exceptions it throws.
 */
@NullMarked
package dev.workflow.storage;

import org.jspecify.annotations.NullMarked;
