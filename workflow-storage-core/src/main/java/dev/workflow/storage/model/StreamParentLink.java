package dev.workflow.storage.model;

/**
 * The workflow run that waits for a stream run to end, and the hook token that resumes it.
 *
 * @param parentRunId the waiting workflow run
 * @param parentHookToken the token of its hook
 * @since 0.3.0
 */
public record StreamParentLink(String parentRunId, String parentHookToken) {
}
