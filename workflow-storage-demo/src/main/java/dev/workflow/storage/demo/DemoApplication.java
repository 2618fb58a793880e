package dev.workflow.storage.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small REST service that records workflow runs and their events through the workflow storage
 * starter: in memory by default, on PostgreSQL or Citus through the {@code PYWORKFLOW_*}
 * variables.
 */
@SpringBootApplication
public class DemoApplication {

	public static void main(String[] args) {
		SpringApplication.run(DemoApplication.class, args);
	}

}
