package dev.workflow.storage.citus.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where a Citus cluster can be had; elsewhere it is skipped, and the
 * reason is printed once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CitusAvailableCondition.class)
public @interface EnabledIfCitus {

}
