package dev.workflow.storage;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationTests {

	@Test
	void everyOperationOfTheContractHasOneConstantAndNoConstantIsSpare() {
		var contract = Arrays.stream(WorkflowStorage.class.getDeclaredMethods())
			.filter((method) -> Modifier.isAbstract(method.getModifiers()))
			.map(Method::getName)
			.collect(Collectors.toSet());
		var operations = Arrays.stream(Operation.values()).map(Operation::methodName).collect(Collectors.toSet());
		assertThat(operations).hasSize(Operation.values().length).isEqualTo(contract);
	}

	@Test
	void exceptionsNameTheOperationByItsMethodName() {
		NotFoundException ex = new NotFoundException(Operation.GET_RUN_CONTEXT, "run", "r1");
		assertThat(ex.getOperation()).isEqualTo("getRunContext");
		assertThat(ex.getStorageOperation()).isSameAs(Operation.GET_RUN_CONTEXT);
		assertThat(ex).hasMessage("getRunContext: run 'r1' not found");
	}

}
