package dev.workflow.storage.retention;

import java.time.Duration;

import dev.workflow.storage.model.RetentionPass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records retention passes as meters: {@code workflow.storage.retention.deleted} (rows, tagged
 * with the {@code table}) and {@code workflow.storage.retention.pass} (the passes that ran, timed).
 *
 * @since 0.3.0
 */
public class RetentionMeters implements RetentionPassListener {

	/**
	 * The counter of deleted rows.
	 */
	public static final String DELETED = "workflow.storage.retention.deleted";

	/**
	 * The timer of passes.
	 */
	public static final String PASS = "workflow.storage.retention.pass";

	private final MeterRegistry registry;

	private final Timer passes;

	public RetentionMeters(MeterRegistry registry) {
		this.registry = registry;
		this.passes = Timer.builder(PASS).description("Retention passes of the workflow storage").register(registry);
	}

	@Override
	public void passed(RetentionPass pass, Duration duration) {
		this.passes.record(duration);
		pass.rows()
			.forEach((table, rows) -> Counter.builder(DELETED)
				.description("Rows that retention deleted from the workflow storage")
				.baseUnit("rows")
				.tag("table", table)
				.register(this.registry)
				.increment(rows));
	}

}
