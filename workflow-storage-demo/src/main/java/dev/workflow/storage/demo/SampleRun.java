package dev.workflow.storage.demo;

import java.time.Instant;
import java.util.List;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.model.WorkflowRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Records one sample run with a few events at startup, once per store (its idempotency key
 * keeps a second start from adding another), so there is something to look at.
 */
@Component
@ConditionalOnProperty(name = "demo.sample-run", havingValue = "true", matchIfMissing = true)
class SampleRun implements ApplicationRunner {

	static final String RUN_ID = "sample-run";

	private static final Logger logger = LoggerFactory.getLogger(SampleRun.class);

	private final WorkflowStorage storage;

	SampleRun(WorkflowStorage storage) {
		this.storage = storage;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.storage.getRunByIdempotencyKey("demo-sample").isPresent()) {
			return;
		}
		Instant now = Instant.now();
		this.storage.createRun(WorkflowRun.builder(RUN_ID, "order_fulfilment")
			.idempotencyKey("demo-sample")
			.inputKwargs("{\"order_id\": \"A-1001\"}")
			.createdAt(now)
			.build());
		this.storage.tryClaimRun(RUN_ID, RunStatus.PENDING, RunStatus.RUNNING);
		this.storage.recordEvents(RUN_ID,
				List.of(Event.of("sample-evt-0", RUN_ID, "workflow.started", now, "{}"),
						Event.of("sample-evt-1", RUN_ID, "step.completed", now,
								"{\"step_id\": \"reserve_stock\", \"result\": \"reserved\"}")));
		logger.info("Recorded sample run '{}': curl localhost:8080/runs/{}", RUN_ID, RUN_ID);
	}

}
