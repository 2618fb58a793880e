package dev.workflow.storage.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An unknown storage type stops a real application with Spring Boot's failure analysis, which
 * lists the valid types.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownStorageTypeTests {

	@Test
	void whenTypeIsUnknownShouldFailListingTheValidTypes(CapturedOutput output) {
		SpringApplication application = new SpringApplication(EmptyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--pyworkflow.storage.type=mongo"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("pyworkflow.storage.type")
			.contains("mongo")
			.contains("MEMORY")
			.contains("POSTGRES")
			.contains("CITUS");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(WorkflowStorageAutoConfiguration.class)
	static class EmptyApplication {

	}

}
