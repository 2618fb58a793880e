package dev.workflow.storage.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.RetentionPass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention passes of a {@link WorkflowStorage}: deletes what has ended more than the kept
 * days ago, as pyworkflow's {@code run_data_retention} does with
 * {@code PYWORKFLOW_DATA_RETENTION_DAYS}, logs one line a pass and tells its listeners. A pass
 * while another runs on the same database (another instance of the application) deletes nothing.
 *
 * @since 0.3.0
 */
public class WorkflowStorageRetention {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowStorageRetention.class);

	private final WorkflowStorage storage;

	private final Duration keep;

	private final int batchSize;

	private final Clock clock;

	private final List<RetentionPassListener> listeners;

	private final AtomicReference<CompletedRetentionPass> lastPass = new AtomicReference<>();

	/**
	 * Retention of a storage.
	 * @param storage the storage
	 * @param days how many days ended runs are kept after their last update
	 * @param batchSize the most runs one transaction deletes
	 * @param clock the clock the cutoff is taken from
	 * @param listeners told of every pass
	 */
	public WorkflowStorageRetention(WorkflowStorage storage, int days, int batchSize, Clock clock,
			List<RetentionPassListener> listeners) {
		this.storage = storage;
		this.keep = Duration.ofDays(days);
		this.batchSize = batchSize;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Runs one pass now.
	 * @return the pass
	 * @throws dev.workflow.storage.WorkflowStorageException if the storage fails
	 */
	public CompletedRetentionPass runPass() {
		Instant started = this.clock.instant();
		Instant cutoff = started.minus(this.keep);
		long start = System.nanoTime();
		RetentionPass pass = this.storage.deleteOldRuns(cutoff, this.batchSize);
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		CompletedRetentionPass completed = new CompletedRetentionPass(cutoff, this.clock.instant(), duration, pass);
		log(completed);
		if (!pass.skipped()) {
			this.listeners.forEach((listener) -> listener.passed(pass, duration));
		}
		// Last, so a pass that shows here has been logged and recorded.
		this.lastPass.set(completed);
		return completed;
	}

	/**
	 * The last pass this retention ran.
	 * @return the pass, or empty before the first
	 */
	public Optional<CompletedRetentionPass> lastPass() {
		return Optional.ofNullable(this.lastPass.get());
	}

	/**
	 * How many days ended runs are kept.
	 * @return the days
	 */
	public long days() {
		return this.keep.toDays();
	}

	private static void log(CompletedRetentionPass completed) {
		RetentionPass pass = completed.pass();
		if (pass.skipped()) {
			logger.info("Retention pass skipped: another pass of the same database is running (cutoff {})",
					completed.cutoff());
			return;
		}
		String rows = pass.rows()
			.entrySet()
			.stream()
			.filter((table) -> table.getValue() > 0)
			.map((table) -> table.getKey() + "=" + table.getValue())
			.collect(Collectors.joining(", "));
		logger.info("Retention pass deleted {} runs in {} ms, {} batches, cutoff {}{}", pass.runs(),
				completed.duration().toMillis(), pass.batches(), completed.cutoff(),
				rows.isEmpty() ? "" : " (rows: " + rows + ")");
	}

}
