package dev.workflow.storage.model;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@code listRuns} returns: runs newest first, filtered and paged.
 *
 * @param query a case-insensitive substring of the workflow name or the input kwargs; {@code %}
 * and {@code _} are literal
 * @param status only runs with this status
 * @param startTime only runs created at or after this time
 * @param endTime only runs created before this time
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page, or none for the first page
 * @since 0.1.0
 */
public record RunFilter(@Nullable String query, @Nullable RunStatus status, @Nullable Instant startTime,
		@Nullable Instant endTime, int limit, @Nullable String cursor) {

	/**
	 * The page size when none is given.
	 */
	public static final int DEFAULT_LIMIT = 100;

	/**
	 * The largest page size accepted by every listing operation.
	 */
	public static final int MAX_LIMIT = 10_000;

	/**
	 * The first page of all runs, {@value #DEFAULT_LIMIT} at a time.
	 * @return the filter
	 */
	public static RunFilter all() {
		return new RunFilter(null, null, null, null, DEFAULT_LIMIT, null);
	}

	public RunFilter withQuery(@Nullable String query) {
		return new RunFilter(query, this.status, this.startTime, this.endTime, this.limit, this.cursor);
	}

	public RunFilter withStatus(@Nullable RunStatus status) {
		return new RunFilter(this.query, status, this.startTime, this.endTime, this.limit, this.cursor);
	}

	public RunFilter withTimeRange(@Nullable Instant startTime, @Nullable Instant endTime) {
		return new RunFilter(this.query, this.status, startTime, endTime, this.limit, this.cursor);
	}

	public RunFilter withLimit(int limit) {
		return new RunFilter(this.query, this.status, this.startTime, this.endTime, limit, this.cursor);
	}

	public RunFilter withCursor(@Nullable String cursor) {
		return new RunFilter(this.query, this.status, this.startTime, this.endTime, this.limit, cursor);
	}

}
