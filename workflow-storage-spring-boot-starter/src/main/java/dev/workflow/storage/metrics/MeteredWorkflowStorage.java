package dev.workflow.storage.metrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import dev.workflow.storage.DuplicateIdException;
import dev.workflow.storage.DuplicateIdempotencyKeyException;
import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.WorkflowStorage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every {@link WorkflowStorage} operation in a Micrometer timer
 * {@value #METRIC_NAME}, tagged with the operation, the backend and the outcome
 * ({@code success}, {@code not_found}, {@code duplicate}, {@code invalid} or {@code error}).
 *
 * <p>
 * One handler serves every operation of the interface, so a new operation is timed without a
 * change here.
 *
 * @since 0.1.0
 */
public final class MeteredWorkflowStorage implements InvocationHandler {

	/**
	 * The timer's name.
	 */
	public static final String METRIC_NAME = "workflow.storage.operations";

	private final WorkflowStorage target;

	private final MeterRegistry registry;

	private final String backend;

	private MeteredWorkflowStorage(WorkflowStorage target, MeterRegistry registry, String backend) {
		this.target = target;
		this.registry = registry;
		this.backend = backend;
	}

	/**
	 * A storage that times every operation of {@code target}.
	 * @param target the storage
	 * @param registry the registry to record in
	 * @param backend the backend's name, for the {@code backend} tag
	 * @return the timed storage
	 */
	public static WorkflowStorage wrap(WorkflowStorage target, MeterRegistry registry, String backend) {
		return (WorkflowStorage) Proxy.newProxyInstance(WorkflowStorage.class.getClassLoader(),
				new Class<?>[] { WorkflowStorage.class }, new MeteredWorkflowStorage(target, registry, backend));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return method.invoke(this.target, args);
		}
		Timer.Sample sample = Timer.start(this.registry);
		String outcome = "success";
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			outcome = outcome(ex.getTargetException());
			throw ex.getTargetException();
		}
		finally {
			sample.stop(Timer.builder(METRIC_NAME)
				.description("Workflow storage operations")
				.tag("operation", method.getName())
				.tag("backend", this.backend)
				.tag("outcome", outcome)
				.register(this.registry));
		}
	}

	private static String outcome(Throwable failure) {
		if (failure instanceof NotFoundException) {
			return "not_found";
		}
		if (failure instanceof DuplicateIdException || failure instanceof DuplicateIdempotencyKeyException) {
			return "duplicate";
		}
		return (failure instanceof InvalidInputException) ? "invalid" : "error";
	}

}
