package dev.workflow.storage.autoconfigure;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when no bean is marked {@link WorkflowStorageDataSource}. Such a bean is usually
 * declared {@code defaultCandidate = false}, which {@code @ConditionalOnMissingBean} does not
 * see, so this looks at every bean definition.
 */
class OnMissingWorkflowStorageDataSourceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		String[] marked = (beanFactory != null)
				? beanFactory.getBeanNamesForAnnotation(WorkflowStorageDataSource.class) : new String[0];
		if (marked.length > 0) {
			return ConditionOutcome.noMatch("found @WorkflowStorageDataSource bean " + String.join(", ", marked));
		}
		return ConditionOutcome.match("no @WorkflowStorageDataSource bean");
	}

}
