/**
 * Auto-configuration of workflow storage from {@code pyworkflow.*} properties.
 */
@NullMarked
package dev.workflow.storage.autoconfigure;

import org.jspecify.annotations.NullMarked;
