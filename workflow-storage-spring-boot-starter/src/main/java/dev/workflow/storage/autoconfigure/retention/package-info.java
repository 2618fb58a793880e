/**
 * Auto-configuration of retention: scheduled passes, their meters and actuator endpoint.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.retention;

import org.jspecify.annotations.NullMarked;
