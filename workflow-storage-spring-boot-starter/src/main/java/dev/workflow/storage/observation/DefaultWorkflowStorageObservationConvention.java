package dev.workflow.storage.observation;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Names workflow storage observations {@value #NAME} and keys them by {@code operation},
 * {@code backend} and {@code outcome} ({@code success}, {@code not_found}, {@code duplicate},
 * {@code invalid} or {@code error}): low-cardinality values only, never a run's id.
 *
 * @since 0.2.0
 */
public class DefaultWorkflowStorageObservationConvention implements WorkflowStorageObservationConvention {

	/**
	 * The observation's name, and so the timer's: the name the starter's timer has always had.
	 */
	public static final String NAME = "workflow.storage.operations";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkflowStorageObservationContext context) {
		return "workflow-storage " + context.getOperation().methodName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowStorageObservationContext context) {
		return KeyValues.of("operation", context.getOperation().methodName(), "backend", context.getBackend(),
				"outcome", outcome(context.getError()));
	}

	private static String outcome(@Nullable Throwable error) {
		if (error == null) {
			return "success";
		}
		if (error instanceof NotFoundException) {
			return "not_found";
		}
		if (error instanceof DuplicateIdException || error instanceof DuplicateIdempotencyKeyException) {
			return "duplicate";
		}
		return (error instanceof InvalidInputException) ? "invalid" : "error";
	}

}
