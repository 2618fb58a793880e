package dev.workflow.storage.store;

import java.util.List;
import java.util.Optional;

import dev.workflow.storage.model.Step;
import dev.workflow.storage.model.StepStatus;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend keeps steps. Arguments arrive checked; refusals are thrown as
 * {@link Rejection}s.
 *
 * @since 0.2.0
 */
public interface StepStore {

	/**
	 * @throws Rejection if the step id is taken or its run does not exist
	 */
	void insert(Step step);

	Optional<Step> find(String stepId);

	/**
	 * @throws Rejection if the step does not exist
	 */
	void updateStatus(String stepId, StepStatus status, @Nullable String result, @Nullable String error);

	/**
	 * A run's steps, oldest first.
	 */
	List<Step> list(String runId);

}
