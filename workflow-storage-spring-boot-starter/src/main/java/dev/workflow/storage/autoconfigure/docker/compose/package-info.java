/**
 * Docker Compose service connections for workflow storage.
 */
@NullMarked
package dev.workflow.storage.autoconfigure.docker.compose;

import org.jspecify.annotations.NullMarked;
