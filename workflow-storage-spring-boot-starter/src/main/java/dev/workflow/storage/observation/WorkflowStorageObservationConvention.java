package dev.workflow.storage.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and key values of workflow storage observations; declare a bean of this type to
 * replace {@link DefaultWorkflowStorageObservationConvention}.
 *
 * @since 0.2.0
 */
public interface WorkflowStorageObservationConvention extends ObservationConvention<WorkflowStorageObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowStorageObservationContext;
	}

}
