package dev.workflow.storage.autoconfigure;

import dev.workflow.storage.postgres.EventSequenceIndex;
import dev.workflow.storage.postgres.StepIdBackfill;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What a native image needs for workflow storage beyond what Spring's AOT processing finds by
 * itself: the changelogs (the core module's and the Citus module's, with the SQL files they
 * include), which Liquibase reads as classpath resources, and the custom changes they name, which
 * Liquibase instantiates by class name; and how a {@link Seconds} property is read from text,
 * which Spring's conversion finds by reflection. Registered in {@code META-INF/spring/aot.factories}, so
 * the changelogs are included also for an application that runs them from its own Liquibase.
 */
class WorkflowStorageRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("db/workflow-storage/**");
		// Liquibase's CustomChangeWrapper: Class.forName(name).getConstructor().newInstance().
		hints.reflection()
			.registerTypes(TypeReference.listOf(EventSequenceIndex.class, StepIdBackfill.class),
					(type) -> type.withMembers(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS));
		// Spring's ObjectToObjectConverter: a static valueOf(String) of the target type.
		hints.reflection()
			.registerType(Seconds.class,
					(type) -> type.withMethod("valueOf", TypeReference.listOf(String.class), ExecutableMode.INVOKE));
	}

}
