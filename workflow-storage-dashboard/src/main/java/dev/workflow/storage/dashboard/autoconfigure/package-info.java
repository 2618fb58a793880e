/**
 * Auto-configuration of the workflow storage dashboard from
 * {@code pyworkflow.storage.dashboard.*} properties.
 */
@NullMarked
package dev.workflow.storage.dashboard.autoconfigure;

import org.jspecify.annotations.NullMarked;
