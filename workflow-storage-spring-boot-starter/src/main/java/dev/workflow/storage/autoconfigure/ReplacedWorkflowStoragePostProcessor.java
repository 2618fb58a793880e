package dev.workflow.storage.autoconfigure;

import java.util.Arrays;

import dev.workflow.storage.WorkflowStorage;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;

/**
 * Skips the schema migration when no {@link WorkflowStorage} will be built from the starter's
 * beans because every one was replaced by a ready instance.
 *
 * <p>
 * Spring's {@code @MockitoBean} and {@code @TestBean} put their instance in place after
 * auto-configuration has been decided, so {@code @ConditionalOnMissingBean(WorkflowStorage.class)}
 * cannot see them: the starter's pool and schema initializer are defined all the same. The pool
 * starts at its first connection, which nothing asks for (a bean that only holds it, such as
 * Spring Boot's pool metrics, makes none); the initializer is replaced here by one that does
 * nothing, so a test that mocks the storage starts without a database.
 */
final class ReplacedWorkflowStoragePostProcessor implements BeanFactoryPostProcessor, Ordered {

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		String[] storages = beanFactory.getBeanNamesForType(WorkflowStorage.class, true, false);
		// A registered instance is used as it is: its bean definition, ours, is never invoked.
		if (storages.length == 0 || !Arrays.stream(storages).allMatch(beanFactory::containsSingleton)) {
			return;
		}
		for (String initializer : beanFactory.getBeanNamesForType(WorkflowStorageSchemaInitializer.class, true,
				false)) {
			if (!beanFactory.containsSingleton(initializer)) {
				beanFactory.registerSingleton(initializer, WorkflowStorageSchemaInitializer.skipped());
			}
		}
	}

	// After Spring's bean overrides (BeanOverrideBeanFactoryPostProcessor is LOWEST_PRECEDENCE - 10).
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
