package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stream that signals are published to, as stored in {@code streams}. pyworkflow defines its
 * streams in code ({@code @stream_workflow}); this row only records that one was created, and
 * signals may name a stream that has none.
 *
 * @param streamId the stream's id
 * @param status the stream's status text; pyworkflow writes {@code active}
 * @param createdAt when the stream was created
 * @param metadata metadata as JSON object text
 * @since 0.3.0
 */
public record SignalStream(String streamId, String status, Instant createdAt, String metadata) {

	/**
	 * The status pyworkflow gives every stream it creates.
	 */
	public static final String ACTIVE = "active";

	public SignalStream {
		Objects.requireNonNull(createdAt, "createdAt");
		createdAt = Micros.truncate(createdAt);
		status = Objects.requireNonNullElse(status, ACTIVE);
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

}
