package dev.workflow.storage.dashboard.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class only where a Citus cluster can be had (the test-support module's
 * {@code CitusServer}: a local Citus installation, or Docker); elsewhere it is skipped, and the
 * reason is printed once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(CitusClusterAvailableCondition.class)
@interface EnabledIfCitusCluster {

}
