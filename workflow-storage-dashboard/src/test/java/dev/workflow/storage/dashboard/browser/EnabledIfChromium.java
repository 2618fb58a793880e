package dev.workflow.storage.dashboard.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a browser test class only where Debian's Chromium and its driver are installed; elsewhere
 * it is skipped, and the reason is printed once.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumAvailableCondition.class)
@interface EnabledIfChromium {

}
