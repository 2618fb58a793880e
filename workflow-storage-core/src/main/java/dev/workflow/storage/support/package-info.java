/**
 * Code every backend shares: argument checks, JSON helpers and the continue-as-new walk.
 */
@NullMarked
package dev.workflow.storage.support;

import org.jspecify.annotations.NullMarked;
