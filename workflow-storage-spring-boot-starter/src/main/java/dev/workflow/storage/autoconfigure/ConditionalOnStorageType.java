package dev.workflow.storage.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the configured storage type is one of the given ones: {@code pyworkflow.storage.type},
 * else its pyworkflow alias {@code pyworkflow.storage.backend}, else memory.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnStorageTypeCondition.class)
@interface ConditionalOnStorageType {

	/**
	 * The types that match.
	 * @return the types
	 */
	StorageType[] value();

}
