package dev.workflow.storage.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@code DataSource} that workflow storage uses. Without one, the starter builds its
 * own pool from {@code pyworkflow.postgres.*}; the application's primary {@code DataSource} is
 * never taken over. Declare yours with {@code @Bean(defaultCandidate = false)} to keep it out of
 * the application's own wiring.
 *
 * @since 0.1.0
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Qualifier
public @interface WorkflowStorageDataSource {

}
