package dev.workflow.storage.dashboard;

import dev.workflow.storage.model.Step;
import org.jspecify.annotations.Nullable;

/**
 * A step as the run page lists it.
 *
 * @param stepId its id
 * @param name its name
 * @param status its status badge
 * @param attempt its attempt number
 * @param created when it was created
 * @param started when it started, or empty
 * @param completed when it completed, or empty
 * @param duration how long it took, or empty
 * @param error its error, or {@code null}
 */
record StepRow(String stepId, String name, StatusBadge status, int attempt, String created, String started,
		String completed, String duration, @Nullable ShownValue error) {

	static StepRow of(Step step, DashboardLinks links) {
		return new StepRow(step.stepId(), step.stepName(), StatusBadge.of(step.status()), step.attempt(),
				Times.shown(step.createdAt()), Times.shown(step.startedAt()), Times.shown(step.completedAt()),
				Times.between(step.startedAt(), step.completedAt()),
				ShownValue.textOrNull(step.error(), links.stepValue(step.runId(), step.stepId(), "error")));
	}

}
