package dev.workflow.storage.autoconfigure;

import java.util.Arrays;
import java.util.Set;

import dev.workflow.storage.WorkflowStorage;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.Ordered;
import org.springframework.core.type.MethodMetadata;

/**
 * Skips the schema migration and removes the pool when no {@link WorkflowStorage} will be built
 * from the starter's beans because every one was replaced by a ready instance.
 *
 * <p>
 * Spring's {@code @MockitoBean} and {@code @TestBean} put their instance in place after
 * auto-configuration has been decided, so {@code @ConditionalOnMissingBean(WorkflowStorage.class)}
 * cannot see them: the starter's pool and schema initializer are defined all the same. The
 * initializer is replaced here by one that does nothing, and the pool's definitions are removed
 * (Spring Boot's pool metrics would otherwise build the lazy pool, which would then keep trying to
 * connect), so a test that mocks the storage starts without a database.
 */
final class ReplacedWorkflowStoragePostProcessor implements BeanFactoryPostProcessor, Ordered {

	private static final String STARTER_POOL_CONFIGURATION = WorkflowStorageAutoConfiguration.class.getName()
			+ "$DatabaseStorageConfiguration";

	private static final Set<String> POOL_BEAN_METHODS = Set.of("workflowStorageDataSource",
			"workflowStoragePoolConfig");

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
		if (beanFactory instanceof BeanDefinitionRegistry registry) {
			Arrays.stream(beanFactory.getBeanDefinitionNames())
				.filter((name) -> isStarterPool(beanFactory.getBeanDefinition(name)))
				.forEach(registry::removeBeanDefinition);
		}
	}

	// Only the starter's own: a @WorkflowStorageDataSource of the application's is left alone.
	private static boolean isStarterPool(BeanDefinition definition) {
		MethodMetadata factoryMethod = (definition instanceof AnnotatedBeanDefinition annotated)
				? annotated.getFactoryMethodMetadata() : null;
		return factoryMethod != null
				&& STARTER_POOL_CONFIGURATION.equals(factoryMethod.getDeclaringClassName())
				&& POOL_BEAN_METHODS.contains(factoryMethod.getMethodName());
	}

	// After Spring's bean overrides (BeanOverrideBeanFactoryPostProcessor is LOWEST_PRECEDENCE - 10).
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
