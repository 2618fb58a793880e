package dev.workflow.storage.autoconfigure.retention;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when retention days are set: {@code pyworkflow.storage.retention.days}, or pyworkflow's
 * {@code pyworkflow.data.retention.days} ({@code PYWORKFLOW_DATA_RETENTION_DAYS}). A value that is
 * no number matches, and fails in property binding naming the property.
 */
class OnRetentionDaysCondition extends SpringBootCondition {

	static final String DAYS = "pyworkflow.storage.retention.days";

	static final String PYWORKFLOW_DAYS = "pyworkflow.data.retention.days";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		ConditionMessage.Builder message = ConditionMessage.forCondition("Retention days");
		for (String property : new String[] { DAYS, PYWORKFLOW_DAYS }) {
			String days = binder.bind(property, String.class).orElse("");
			if (!days.isBlank()) {
				return ConditionOutcome.match(message.found("property").items(property));
			}
		}
		return ConditionOutcome.noMatch(message.didNotFind("property").items(DAYS, PYWORKFLOW_DAYS));
	}

}
