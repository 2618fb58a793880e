package dev.workflow.storage.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnStorageType}. It reads the raw text, as
 * {@code @ConditionalOnProperty} does, so an unknown type matches nothing here and fails later in
 * property binding, with Spring Boot's analysis listing the valid types.
 */
class OnStorageTypeCondition extends SpringBootCondition {

	static final String TYPE_PROPERTY = "pyworkflow.storage.type";

	static final String BACKEND_PROPERTY = "pyworkflow.storage.backend";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnStorageType.class.getName());
		StorageType[] wanted = (attributes != null) ? (StorageType[]) attributes.get("value") : new StorageType[0];
		String configured = configuredType(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnStorageType.class,
				Arrays.toString(wanted));
		boolean matches = Arrays.stream(wanted)
			.anyMatch((type) -> canonical(type.name()).equals(canonical(configured)));
		return matches ? ConditionOutcome.match(message.foundExactly("storage type " + configured))
				: ConditionOutcome.noMatch(message.foundExactly("storage type " + configured));
	}

	// As pyworkflow: os.getenv("PYWORKFLOW_STORAGE_TYPE") or os.getenv("PYWORKFLOW_STORAGE_BACKEND"),
	// so a blank type counts as unset. WorkflowStorageProperties.Storage.getType() follows the same rule.
	private static String configuredType(Environment environment) {
		Binder binder = Binder.get(environment);
		String type = binder.bind(TYPE_PROPERTY, String.class).orElse("");
		String backend = binder.bind(BACKEND_PROPERTY, String.class).orElse("");
		if (!type.isBlank()) {
			return type.strip();
		}
		return backend.isBlank() ? "memory" : backend.strip();
	}

	// Spring Boot binds enums ignoring case, dashes and underscores.
	private static String canonical(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}

}
