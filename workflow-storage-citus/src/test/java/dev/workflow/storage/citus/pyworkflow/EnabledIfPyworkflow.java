package dev.workflow.storage.citus.pyworkflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where the sources of every {@link PyworkflowVersion} and a Python that
 * can import asyncpg are at hand; elsewhere it is skipped, and the reason is printed once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PyworkflowAvailableCondition.class)
@interface EnabledIfPyworkflow {

}
