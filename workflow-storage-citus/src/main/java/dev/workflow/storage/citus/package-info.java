/**
 * The Citus (distributed PostgreSQL) backend and its schema migration.
 */
@NullMarked
package dev.workflow.storage.citus;

import org.jspecify.annotations.NullMarked;
