package dev.workflow.storage.model;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A point where a run waits for a payload from outside, as stored in {@code hooks}.
 *
 * <p>
 * pyworkflow forms tokens as {@code run_id:hook_id}; see {@link #tokenFor}.
 *
 * @param hookId the hook's id, unique within its run
 * @param runId the run the hook belongs to
 * @param token the token an outside caller presents, unique among all hooks
 * @param createdAt when the hook was created
 * @param receivedAt when the payload was received, if it was
 * @param expiresAt when the hook expires, if it does
 * @param status the hook's status
 * @param payload the received payload as JSON text, if any
 * @param metadata metadata as JSON object text
 * @since 0.1.0
 */
public record Hook(String hookId, String runId, String token, Instant createdAt, @Nullable Instant receivedAt,
		@Nullable Instant expiresAt, HookStatus status, @Nullable String payload, String metadata) {

	public Hook {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		createdAt = Micros.truncate(createdAt);
		receivedAt = Micros.truncate(receivedAt);
		expiresAt = Micros.truncate(expiresAt);
		metadata = Objects.requireNonNullElse(metadata, "{}");
	}

	/**
	 * A pending hook with pyworkflow's token form and no expiry.
	 * @param hookId the hook's id
	 * @param runId the run the hook belongs to
	 * @param createdAt when the hook was created
	 * @return the hook
	 */
	public static Hook pending(String hookId, String runId, Instant createdAt) {
		return new Hook(hookId, runId, tokenFor(runId, hookId), createdAt, null, null, HookStatus.PENDING, null, "{}");
	}

	/**
	 * The token pyworkflow gives a hook: {@code run_id:hook_id}.
	 * @param runId the run's id
	 * @param hookId the hook's id
	 * @return the token
	 */
	public static String tokenFor(String runId, String hookId) {
		return runId + ":" + hookId;
	}

}
