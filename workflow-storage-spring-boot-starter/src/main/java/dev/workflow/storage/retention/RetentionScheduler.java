package dev.workflow.storage.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a {@link WorkflowStorageRetention}'s pass every interval, the first one interval after
 * start, on a daemon thread of its own; a pass that fails is logged, and the next runs on time.
 *
 * @since 0.3.0
 */
public class RetentionScheduler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RetentionScheduler.class);

	private final WorkflowStorageRetention retention;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * A scheduler.
	 * @param retention the retention whose passes it runs
	 * @param interval the time between passes
	 */
	public RetentionScheduler(WorkflowStorageRetention retention, Duration interval) {
		this.retention = retention;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "workflow-storage-retention");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::pass, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
		logger.info("Retention keeps ended runs {} days; a pass runs every {}", this.retention.days(), this.interval);
	}

	private void pass() {
		try {
			this.retention.runPass();
		}
		catch (RuntimeException ex) {
			logger.warn("Retention pass failed; the next runs in {}", this.interval, ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
