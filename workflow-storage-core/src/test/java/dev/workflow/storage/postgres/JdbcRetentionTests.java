package dev.workflow.storage.postgres;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.model.RetentionPass;
import dev.workflow.storage.model.RunStatus;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Retention on a database: a pass whose connection dies between batches leaves whole runs only
 * and the next pass finishes; schedules soft-deleted in any case of {@code deleted} go, which
 * pyworkflow's own pass misses. A backend's test says how to get a migrated database and a storage.
 */
public abstract class JdbcRetentionTests {

	private static final String LOCK_HOLDER = """
			SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
			AND classid = ?::oid AND objid = ?::oid AND objsubid = 1""";

	private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	private final Instant cutoff = this.now.minus(Duration.ofDays(30));

	/**
	 * A new database with the backend's schema migrated, which one test alone uses.
	 * @return the database
	 */
	protected abstract DataSource createDatabase();

	protected abstract JdbcWorkflowStorage createStorage(DataSource dataSource);

	@Test
	void aPassWhoseConnectionDiesBetweenBatchesLeavesWholeRunsAndTheNextFinishes() throws Exception {
		DataSource database = createDatabase();
		JdbcWorkflowStorage storage = createStorage(database);
		List<String> runIds = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			runIds.add(oldRunWithEverything(storage));
		}
		JdbcClient sql = JdbcClient.create(database);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<RetentionPass> pass = executor.submit(() -> storage.deleteOldRuns(this.cutoff, 1));
			Integer holder = null;
			while (holder == null && !pass.isDone()) {
				holder = sql.sql(LOCK_HOLDER)
					.params(JdbcRetentionRepository.ADVISORY_LOCK_KEY >>> 32, JdbcRetentionRepository.ADVISORY_LOCK_KEY & 0xffffffffL)
					.query(Integer.class)
					.optional()
					.orElse(null);
			}
			assertThat(holder).as("the pass's connection, found before it ended").isNotNull();
			// Let a few batches commit first.
			while (remainingRuns(sql) > 280 && !pass.isDone()) {
				Thread.onSpinWait();
			}
			sql.sql("SELECT pg_terminate_backend(?)").param(holder).query().singleValue();
			Throwable failure = catchThrowable(() -> pass.get(60, TimeUnit.SECONDS));
			assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(StorageAccessException.class);
		}
		finally {
			executor.shutdownNow();
		}
		int remaining = remainingRuns(sql);
		assertThat(remaining).as("runs left after the crash").isBetween(1, 299);
		assertThat(orphans(sql)).as("rows of runs that are gone").isZero();
		for (String runId : sql.sql("SELECT run_id FROM workflow_runs").query(String.class).list()) {
			assertThat(TestData.rowsOfRun(sql, runId)).as("rows of run %s, which is still there", runId).isEqualTo(5);
		}
		RetentionPass next = storage.deleteOldRuns(this.cutoff, 50);
		assertThat(next.runs()).isEqualTo(remaining);
		assertThat(remainingRuns(sql)).isZero();
		assertThat(sql.sql("SELECT COUNT(*) FROM events").query(Integer.class).single()).isZero();
		assertThat(sql.sql("SELECT COUNT(*) FROM checkpoints").query(Integer.class).single()).isZero();
	}

	@Test
	void schedulesSoftDeletedInAnyCaseOfTheirStatusGo() {
		DataSource database = createDatabase();
		JdbcWorkflowStorage storage = createStorage(database);
		JdbcClient sql = JdbcClient.create(database);
		List<String> ids = new ArrayList<>();
		for (String status : List.of("deleted", "DELETED", "Deleted")) {
			String id = TestData.id("sched");
			sql.sql("""
					INSERT INTO schedules (schedule_id, workflow_name, spec, spec_type, status, overlap_policy,
						created_at, updated_at, deleted_at)
					VALUES (?, 'report', '{"cron": "0 9 * * *"}', 'cron', ?, 'skip', ?, ?, ?)""")
				.params(id, status, SqlValues.timestamp(this.cutoff.minusSeconds(60)),
						SqlValues.timestamp(this.cutoff.minusSeconds(60)), SqlValues.timestamp(this.cutoff.minusSeconds(1)))
				.update();
			ids.add(id);
		}
		RetentionPass pass = storage.deleteOldRuns(this.cutoff);
		assertThat(pass.rowsOf("schedules")).isEqualTo(3);
		assertThat(sql.sql("SELECT COUNT(*) FROM schedules WHERE schedule_id = ANY (?)")
			.param(ids.toArray(String[]::new))
			.query(Integer.class)
			.single()).isZero();
	}

	private String oldRunWithEverything(JdbcWorkflowStorage storage) {
		return TestData.runWithEverything(storage, RunStatus.COMPLETED, this.cutoff.minusSeconds(1));
	}

	private static int remainingRuns(JdbcClient sql) {
		return sql.sql("SELECT COUNT(*) FROM workflow_runs").query(Integer.class).single();
	}

	private static int orphans(JdbcClient sql) {
		int checkpoints = sql.sql("SELECT COUNT(*) FROM checkpoints").query(Integer.class).single()
				- sql.sql("SELECT COUNT(*) FROM steps").query(Integer.class).single();
		int rows = 0;
		for (String table : List.of("events", "steps", "hooks", "cancellation_flags")) {
			rows += sql.sql("SELECT COUNT(*) FROM " + table + " t WHERE NOT EXISTS "
					+ "(SELECT 1 FROM workflow_runs r WHERE r.run_id = t.run_id)").query(Integer.class).single();
		}
		return checkpoints + rows;
	}

}
