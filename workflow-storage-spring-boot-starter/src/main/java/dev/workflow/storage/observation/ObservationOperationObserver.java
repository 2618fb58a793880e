package dev.workflow.storage.observation;

import java.util.function.Supplier;

import dev.workflow.storage.Operation;
import dev.workflow.storage.store.OperationObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes every workflow storage operation one Micrometer {@link Observation} (a timer and a
 * tracing span where the application has them), keyed as
 * {@link DefaultWorkflowStorageObservationConvention} describes unless another convention is
 * given. Set it on a backend with
 * {@link dev.workflow.storage.store.ValidatingWorkflowStorage#setOperationObserver(OperationObserver)},
 * or wrap any storage in an {@link ObservedWorkflowStorage}.
 *
 * @since 0.2.0
 */
public final class ObservationOperationObserver implements OperationObserver {

	private static final WorkflowStorageObservationConvention DEFAULT_CONVENTION = new DefaultWorkflowStorageObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WorkflowStorageObservationConvention convention;

	/**
	 * An observer with the default convention.
	 * @param registry the registry observations are made in
	 */
	public ObservationOperationObserver(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * An observer.
	 * @param registry the registry observations are made in
	 * @param convention the convention to use instead of the default, or {@code null}
	 */
	public ObservationOperationObserver(ObservationRegistry registry,
			@Nullable WorkflowStorageObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public <T> T observe(Operation operation, String backend, Supplier<T> call) {
		return Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION,
					() -> new WorkflowStorageObservationContext(operation, backend), this.registry)
			.observe(call);
	}

}
