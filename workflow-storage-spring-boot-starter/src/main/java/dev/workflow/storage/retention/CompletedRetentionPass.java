package dev.workflow.storage.retention;

import java.time.Duration;
import java.time.Instant;

import dev.workflow.storage.model.RetentionPass;

/**
 * A retention pass that ran: its cutoff, when it ended, how long it took and what it deleted.
 *
 * @param cutoff runs last updated before this went
 * @param endedAt when the pass ended
 * @param duration how long it took
 * @param pass what it deleted
 * @since 0.3.0
 */
public record CompletedRetentionPass(Instant cutoff, Instant endedAt, Duration duration, RetentionPass pass) {
}
