package dev.workflow.storage.observation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.workflow.storage.Operation;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.willThrow;

/**
 * Every operation is passed on and observed under its own name; health probes are passed on only.
 */
class ObservedWorkflowStorageTests {

	private static final Set<String> UNOBSERVED = Set.of("checkHealth", "health", "backend");

	private final WorkflowStorage delegate = Mockito.mock(WorkflowStorage.class);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@BeforeEach
	void backend() {
		Mockito.when(this.delegate.backend()).thenReturn("custom");
	}

	@Test
	void everyOperationIsPassedOnAndObservedUnderItsName() throws Exception {
		ObservedWorkflowStorage storage = new ObservedWorkflowStorage(this.delegate, this.registry);
		Set<String> observed = new HashSet<>();
		List<Method> operations = Arrays.stream(WorkflowStorage.class.getMethods())
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> !UNOBSERVED.contains(method.getName()))
			.toList();
		for (Method method : operations) {
			this.registry.clear();
			Object[] arguments = Arrays.stream(method.getParameterTypes())
				.map(ObservedWorkflowStorageTests::argument)
				.toArray();
			method.invoke(storage, arguments);
			method.invoke(Mockito.verify(this.delegate), arguments);
			String operation = Operation.valueOf(constantName(method.getName())).methodName();
			observed.add(operation);
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasContextualNameEqualTo("workflow-storage " + operation)
				.hasLowCardinalityKeyValue("operation", operation)
				.hasLowCardinalityKeyValue("backend", "custom")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasBeenStopped();
		}
		assertThat(observed).hasSize(Operation.values().length - 1).doesNotContain("checkHealth");
	}

	@Test
	void healthProbesAndBackendAreNotObserved() {
		ObservedWorkflowStorage storage = new ObservedWorkflowStorage(this.delegate, this.registry);
		storage.checkHealth();
		storage.health();
		storage.backend();
		Mockito.verify(this.delegate).checkHealth();
		Mockito.verify(this.delegate).health();
		TestObservationRegistryAssert.assertThat(this.registry).doesNotHaveAnyObservation();
	}

	@Test
	void aFailingStoreIsAnErrorOutcomeAndTheExceptionIsRethrown() {
		StorageAccessException failure = new StorageAccessException(Operation.SET_CANCELLATION_FLAG, "down", null);
		willThrow(failure).given(this.delegate).setCancellationFlag("run");
		ObservedWorkflowStorage storage = new ObservedWorkflowStorage(this.delegate, this.registry);
		assertThatExceptionOfType(StorageAccessException.class).isThrownBy(() -> storage.setCancellationFlag("run"))
			.isSameAs(failure);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasError(failure);
	}

	private static String constantName(String methodName) {
		return methodName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

	// Any value does: the delegate is a mock, and the decorator passes arguments on unread.
	private static @Nullable Object argument(Class<?> type) {
		return (type == int.class) ? 1 : null;
	}

}
