package dev.workflow.storage.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.workflow.storage.InvalidInputException;
import dev.workflow.storage.Operation;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.memory.InMemoryWorkflowStorage;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every operation of the one implementation of the contract passes through its observer, argument
 * checks included; the health probes and {@code backend()} do not.
 */
class OperationObserverTests {

	private static final Set<String> PROBES = Set.of("checkHealth", "health", "backend");

	private final RecordingObserver observer = new RecordingObserver();

	private final InMemoryWorkflowStorage storage = new InMemoryWorkflowStorage();

	OperationObserverTests() {
		this.storage.setOperationObserver(this.observer);
	}

	@Test
	void anOperationIsObservedWithItsResult() {
		WorkflowRun run = TestData.run(Instant.now()).build();
		this.storage.createRun(run);
		assertThat(this.storage.getRun(run.runId())).contains(run);
		assertThat(this.observer.calls).containsExactly(new Call(Operation.CREATE_RUN, "memory", null),
				new Call(Operation.GET_RUN, "memory", null));
	}

	@Test
	void aRejectedArgumentIsObservedAsTheOperationsFailure() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.storage.getRun(""));
		assertThat(this.observer.calls).singleElement()
			.satisfies((call) -> assertThat(call.operation()).isEqualTo(Operation.GET_RUN))
			.satisfies((call) -> assertThat(call.failure()).isInstanceOf(InvalidInputException.class));
	}

	@Test
	void everyOperationIsObservedOnceUnderItsOwnName() throws Exception {
		List<Method> operations = Arrays.stream(WorkflowStorage.class.getMethods())
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> !PROBES.contains(method.getName()))
			.toList();
		for (Method method : operations) {
			this.observer.calls.clear();
			Object[] arguments = Arrays.stream(method.getParameterTypes()).map(OperationObserverTests::argument).toArray();
			try {
				method.invoke(this.storage, arguments);
			}
			catch (InvocationTargetException ex) {
				// A null argument is refused by the checks, which the observer sees too.
			}
			assertThat(this.observer.calls).as(method.toString())
				.singleElement()
				.satisfies((call) -> assertThat(call.operation().methodName()).isEqualTo(method.getName()));
		}
	}

	@Test
	void healthProbesAndTheBackendAreNotObserved() {
		this.storage.checkHealth();
		this.storage.health();
		this.storage.backend();
		assertThat(this.observer.calls).isEmpty();
	}

	// Nulls are refused by the checks; an int is a valid page size.
	private static @Nullable Object argument(Class<?> type) {
		return (type == int.class) ? 1 : null;
	}

	record Call(Operation operation, String backend, @Nullable Throwable failure) {
	}

	static final class RecordingObserver implements OperationObserver {

		final List<Call> calls = new ArrayList<>();

		@Override
		public <T> T observe(Operation operation, String backend, Supplier<T> call) {
			try {
				T result = call.get();
				this.calls.add(new Call(operation, backend, null));
				return result;
			}
			catch (RuntimeException ex) {
				this.calls.add(new Call(operation, backend, ex));
				throw ex;
			}
		}

	}

}
