package dev.workflow.storage.dashboard;

import dev.workflow.storage.model.Hook;
import org.jspecify.annotations.Nullable;

/**
 * A hook as the run page lists it. Its token is left out: it is what lets a caller outside
 * resume the run.
 *
 * @param hookId its id
 * @param status its status badge
 * @param created when it was created
 * @param received when its payload came, or empty
 * @param expires when it expires, or empty
 * @param payload its payload, or {@code null}
 */
record HookRow(String hookId, StatusBadge status, String created, String received, String expires,
		@Nullable ShownValue payload) {

	static HookRow of(Hook hook, DashboardLinks links) {
		return new HookRow(hook.hookId(), StatusBadge.of(hook.status()), Times.shown(hook.createdAt()),
				Times.shown(hook.receivedAt()), Times.shown(hook.expiresAt()),
				ShownValue.jsonOrNull(hook.payload(), links.hookPayload(hook.runId(), hook.hookId())));
	}

}
