package dev.workflow.storage.citus;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.WorkflowStorageException;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.LocalCitusCluster;
import dev.workflow.storage.model.Event;
import dev.workflow.storage.model.Hook;
import dev.workflow.storage.model.RunFilter;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.testing.TestData;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Citus cluster loses a worker, then its coordinator, while a few threads keep working
 * through one storage and pool: every failure must be one of our exceptions, nothing acknowledged
 * may be lost, and the same storage must work again soon after each node is back.
 *
 * <p>
 * The cluster is this class's own (a worker and the coordinator are stopped), so it needs a local
 * Citus installation, not a container.
 */
@EnabledIf("dev.workflow.storage.citus.testing.CitusClusters#localCitusInstalled")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitusOutageTests {

	private static final int COORDINATOR = 0;

	private static final int WORKER = 1;

	private static final int THREADS = 4;

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	// Generous for a loaded 2-core machine: Hikari alone may wait 5 s before its next attempt to
	// reconnect.
	private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

	// Hikari warns, with a stack trace, of every connection an outage breaks: hundreds of them.
	private final Logger hikariLogger = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");

	private Level hikariLevel;

	private LocalCitusCluster cluster;

	private HikariDataSource pool;

	@BeforeAll
	void startCluster() {
		this.hikariLevel = this.hikariLogger.getLevel();
		this.hikariLogger.setLevel(Level.ERROR);
		this.cluster = CitusClusters.startLocal(2);
		HikariDataSource created = (HikariDataSource) this.cluster.newDatabase("outage");
		HikariConfig config = new HikariConfig();
		// Short timeouts, so a request during an outage fails in a second instead of waiting 30.
		config.setJdbcUrl(created.getJdbcUrl() + "?connectTimeout=2&socketTimeout=60");
		config.setUsername(created.getUsername());
		config.setMaximumPoolSize(THREADS + 2);
		config.setConnectionTimeout(1_000);
		config.setValidationTimeout(500);
		config.setPoolName("citus-outage");
		created.close();
		this.pool = new HikariDataSource(config);
		new CitusSchemaMigrator(this.pool).migrate();
	}

	@AfterAll
	void stopCluster() {
		if (this.pool != null) {
			this.pool.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
		this.hikariLogger.setLevel(this.hikariLevel);
	}

	@Test
	void aStoppedWorkerAndCoordinatorGiveOnlyOurExceptionsLoseNothingAcknowledgedAndAreRecoveredFrom()
			throws Exception {
		WorkflowStorage storage = new CitusWorkflowStorage(this.pool);
		Load load = new Load(storage);
		IntStream.range(0, 8).forEach((i) -> load.perform("createRun"));
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			for (int thread = 0; thread < THREADS; thread++) {
				threads.execute(load::runUntilStopped);
			}
			load.during("before", Duration.ofSeconds(2));
			Duration workerRecovery = outage(load, WORKER, "worker down");
			load.during("after worker", Duration.ofSeconds(2));
			Duration coordinatorRecovery = outage(load, COORDINATOR, "coordinator down");
			load.during("after coordinator", Duration.ofSeconds(2));
			load.stop();
			threads.shutdown();
			assertThat(threads.awaitTermination(90, TimeUnit.SECONDS)).isTrue();

			System.out.println(load.summary() + "recovery after the worker: " + workerRecovery.toMillis()
					+ " ms, after the coordinator: " + coordinatorRecovery.toMillis() + " ms");
			commitPreparedTransactions();
			// Soft: a failure of one kind must not hide whether the others held.
			SoftAssertions.assertSoftly((softly) -> {
				softly.assertThat(load.foreign)
					.as("failures that are not WorkflowStorageExceptions:%n%s", load.foreignStacks())
					.isEmpty();
				softly.assertThat(load.failuresIn("worker down")).as("failures while the worker was down").isPositive();
				softly.assertThat(load.failuresIn("coordinator down"))
					.as("failures while the coordinator was down")
					.isPositive();
				load.assertNothingAcknowledgedIsLost(softly);
			});
		}
		finally {
			load.stop();
			threads.shutdownNow();
		}
	}

	@Test
	void theMigratorReportsAnUnreachableCoordinatorAsASchemaMigrationException() {
		this.cluster.stopNode(COORDINATOR);
		try {
			assertThatThrownBy(() -> new CitusSchemaMigrator(this.pool).migrate())
				.isInstanceOf(SchemaMigrationException.class);
			assertThatThrownBy(() -> new CitusSchemaMigrator(this.pool).validate())
				.isInstanceOf(SchemaMigrationException.class);
		}
		finally {
			this.cluster.startNode(COORDINATOR);
		}
		long restarted = System.nanoTime();
		while (true) {
			try {
				new CitusSchemaMigrator(this.pool).migrate();
				return;
			}
			catch (SchemaMigrationException ex) {
				// The pool reconnects on its own schedule: Hikari backs off up to 5 s between attempts.
				assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("recovery").isLessThan(RECOVERY_BOUND);
			}
		}
	}

	/**
	 * Stops a node for {@link #OUTAGE} under load, starts it again, and measures how long the
	 * storage takes to serve every kind of operation again.
	 */
	private Duration outage(Load load, int node, String phase) throws InterruptedException {
		load.phase = phase;
		this.cluster.stopNode(node);
		try {
			Thread.sleep(OUTAGE.toMillis());
		}
		finally {
			this.cluster.startNode(node);
		}
		load.phase = "recovering from " + phase;
		long restarted = System.nanoTime();
		while (!load.probe()) {
			assertThat(Duration.ofNanos(System.nanoTime() - restarted)).as("recovery from " + phase)
				.isLessThan(RECOVERY_BOUND);
			Thread.sleep(100);
		}
		return Duration.ofNanos(System.nanoTime() - restarted);
	}

	// A distributed transaction whose commit reached a worker that was stopping is committed
	// there by Citus's recovery, every citus.recover_2pc_interval (a minute): run it now.
	private void commitPreparedTransactions() throws SQLException {
		try (Connection connection = this.pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT recover_prepared_transactions()");
		}
	}

	/**
	 * A mix of writes and reads from a few threads, remembering what the storage acknowledged and
	 * every failure it threw, by phase, operation and type.
	 */
	private static final class Load {

		// A child run and a run with a key, and a hook, are written in a transaction on Citus.
		private static final List<String> OPERATIONS = List.of("createRun", "createRun(idempotencyKey)",
				"createRun(parentRunId)", "createHook", "recordEvent", "recordEvents", "getEvents", "listRuns");

		private final WorkflowStorage storage;

		private volatile boolean stopped;

		volatile String phase = "before";

		// Acknowledged: run id to its idempotency key ("" for none), hook id to run id, and each
		// run's appended sequences to their event ids.
		final Map<String, String> runs = new ConcurrentHashMap<>();

		final Map<String, String> hooks = new ConcurrentHashMap<>();

		final Map<String, Map<Integer, String>> events = new ConcurrentHashMap<>();

		private final List<String> runIds = Collections.synchronizedList(new ArrayList<>());

		final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

		final Queue<RuntimeException> foreign = new ConcurrentLinkedQueue<>();

		final AtomicLong successes = new AtomicLong();

		Load(WorkflowStorage storage) {
			this.storage = storage;
		}

		void runUntilStopped() {
			while (!this.stopped) {
				String operation = OPERATIONS.get(ThreadLocalRandom.current().nextInt(OPERATIONS.size()));
				try {
					perform(operation);
					this.successes.incrementAndGet();
				}
				catch (RuntimeException ex) {
					failed(operation, ex);
				}
			}
		}

		/**
		 * Whether every kind of operation of the load succeeds once, in the caller's thread.
		 */
		boolean probe() {
			for (String operation : OPERATIONS) {
				try {
					perform(operation);
				}
				catch (RuntimeException ex) {
					failed("probe " + operation, ex);
					return false;
				}
			}
			return true;
		}

		void perform(String operation) {
			WorkflowRun.Builder run = TestData.run(Instant.now());
			switch (operation) {
				case "createRun" -> createRun(run);
				case "createRun(idempotencyKey)" -> createRun(run.idempotencyKey(TestData.id("key")));
				case "createRun(parentRunId)" -> createRun(run.parentRunId(recentRun()).nestingDepth(1));
				case "createHook" -> createHook();
				case "recordEvent" -> recordEvent();
				case "recordEvents" -> recordEvents();
				case "getEvents" -> this.storage.getEvents(recentRun());
				case "listRuns" -> this.storage.listRuns(RunFilter.all().withLimit(10));
				default -> throw new IllegalArgumentException(operation);
			}
		}

		private void createRun(WorkflowRun.Builder builder) {
			WorkflowRun run = builder.build();
			this.storage.createRun(run);
			this.runs.put(run.runId(), Objects.requireNonNullElse(run.idempotencyKey(), ""));
			this.runIds.add(run.runId());
		}

		private void createHook() {
			Hook hook = TestData.hook(recentRun(), Instant.now());
			this.storage.createHook(hook);
			this.hooks.put(hook.hookId(), hook.runId());
		}

		private void recordEvent() {
			Event event = TestData.event(recentRun(), "step.completed", Instant.now(), "{}");
			acknowledged(event.runId(), this.storage.recordEvent(event), event.eventId());
		}

		private void recordEvents() {
			String runId = recentRun();
			List<Event> batch = List.of(TestData.event(runId, "step.started", Instant.now(), "{}"),
					TestData.event(runId, "step.completed", Instant.now(), "{}"));
			List<Integer> sequences = this.storage.recordEvents(runId, batch);
			for (int i = 0; i < batch.size(); i++) {
				acknowledged(runId, sequences.get(i), batch.get(i).eventId());
			}
		}

		private void acknowledged(String runId, int sequence, String eventId) {
			this.events.computeIfAbsent(runId, (id) -> new ConcurrentHashMap<>()).put(sequence, eventId);
		}

		// One of the last runs created, so each run's log grows long enough to show a gap.
		private String recentRun() {
			synchronized (this.runIds) {
				int size = this.runIds.size();
				return this.runIds.get(size - 1 - ThreadLocalRandom.current().nextInt(Math.min(size, 16)));
			}
		}

		private void failed(String operation, RuntimeException ex) {
			this.failures.computeIfAbsent(this.phase + " | " + operation + " | " + ex.getClass().getName(),
					(key) -> new LongAdder()).increment();
			if (!(ex instanceof WorkflowStorageException)) {
				this.foreign.add(ex);
			}
		}

		void during(String phase, Duration duration) throws InterruptedException {
			this.phase = phase;
			Thread.sleep(duration.toMillis());
		}

		void stop() {
			this.stopped = true;
		}

		long failuresIn(String phase) {
			return this.failures.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith(phase + " | "))
				.mapToLong((entry) -> entry.getValue().sum())
				.sum();
		}

		void assertNothingAcknowledgedIsLost(SoftAssertions softly) {
			this.runs.forEach((runId, key) -> {
				softly.assertThat(this.storage.getRun(runId)).as("acknowledged run %s", runId).isPresent();
				if (!key.isEmpty()) {
					softly.assertThat(this.storage.getRunByIdempotencyKey(key).map(WorkflowRun::runId))
						.as("acknowledged key %s", key)
						.contains(runId);
				}
			});
			this.hooks.forEach((hookId, runId) -> softly.assertThat(this.storage.getHook(hookId, runId))
				.as("acknowledged hook %s", hookId)
				.isPresent());
			for (String runId : this.runs.keySet()) {
				List<Event> log = this.storage.getEvents(runId);
				softly.assertThat(log)
					.extracting(Event::sequence)
					.as("run %s's sequences", runId)
					.containsExactlyElementsOf(IntStream.range(0, log.size()).boxed().toList());
				Map<Integer, String> stored = new TreeMap<>();
				log.forEach((event) -> stored.put(event.sequence(), event.eventId()));
				softly.assertThat(stored)
					.as("run %s's acknowledged appends", runId)
					.containsAllEntriesOf(this.events.getOrDefault(runId, Map.of()));
			}
		}

		String summary() {
			StringBuilder summary = new StringBuilder("Outage load: ").append(this.successes.get())
				.append(" operations succeeded, ")
				.append(this.runs.size())
				.append(" runs, ")
				.append(this.hooks.size())
				.append(" hooks, ")
				.append(this.events.values().stream().mapToInt(Map::size).sum())
				.append(" appends acknowledged; failures by phase | operation | type:\n");
			new TreeMap<>(this.failures).forEach((key, count) -> summary.append("  ")
				.append(count.sum())
				.append("  ")
				.append(key)
				.append('\n'));
			return summary.toString();
		}

		String foreignStacks() {
			StringWriter stacks = new StringWriter();
			Map<String, RuntimeException> firstOfEachType = new TreeMap<>();
			this.foreign.forEach((ex) -> firstOfEachType.putIfAbsent(ex.getClass().getName(), ex));
			firstOfEachType.values().forEach((ex) -> ex.printStackTrace(new PrintWriter(stacks, true)));
			return stacks.toString();
		}

	}

}
