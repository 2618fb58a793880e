/**
 * The workflow storage health indicator.
 */
@NullMarked
package dev.workflow.storage.health;

import org.jspecify.annotations.NullMarked;
