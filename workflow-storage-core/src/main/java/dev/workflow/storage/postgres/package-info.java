/**
 * The PostgreSQL backend on Spring JDBC, and the Liquibase migration of its schema.
 */
@NullMarked
package dev.workflow.storage.postgres;

import org.jspecify.annotations.NullMarked;
