/**
 * Auto-configuration of the workflow storage health indicator.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
