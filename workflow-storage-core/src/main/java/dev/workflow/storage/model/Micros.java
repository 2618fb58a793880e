package dev.workflow.storage.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Truncates instants to the microsecond precision of PostgreSQL's {@code TIMESTAMPTZ}, so a value
 * read back equals the value written on every backend.
 */
final class Micros {

	private Micros() {
	}

	static @Nullable Instant truncate(@Nullable Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
	}

}
