package dev.workflow.storage.citus;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.workflow.storage.EventTypes;
import dev.workflow.storage.StorageAccessException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.model.WorkflowRun;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.util.concurrent.CompletableFuture.supplyAsync;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement timeout on Citus, in the transaction that inserts a run with its idempotency key:
 * the coordinator cancels the statement, the transaction rolls back, and neither the run nor its
 * key is left behind.
 */
@EnabledIfCitus
class CitusStatementTimeoutTests {

	// Generous: the timeout is one second, and the machine is shared.
	private static final long WAIT_SECONDS = 30;

	private final DataSource dataSource = CitusClusters.newMigratedDatabase("statement_timeout");

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	@Test
	void runWithAKeyBehindALockOnTheKeyTableIsCancelledAndRolledBack() throws Exception {
		WorkflowStorage storage = new CitusWorkflowStorage(this.dataSource, Clock.systemUTC(), EventTypes.pyworkflow(),
				Duration.ofSeconds(1));
		WorkflowRun run = TestData.run(Instant.now()).idempotencyKey(TestData.id("key")).build();
		try (Connection locker = this.dataSource.getConnection()) {
			locker.setAutoCommit(false);
			try (Statement statement = locker.createStatement()) {
				// Reads go on; the key's insert, after the run's in the same transaction, waits.
				statement.execute("LOCK TABLE workflow_idempotency_keys IN EXCLUSIVE MODE");
			}
			try {
				assertThat(supplyAsync(() -> {
					storage.createRun(run);
					return run;
				})).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(StorageAccessException.class)
					.satisfies((ex) -> assertThat(sqlState(ex)).isEqualTo("57014"));
			}
			finally {
				locker.commit();
			}
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM workflow_runs WHERE run_id = ?").param(run.runId())
			.query(Integer.class)
			.single()).as("the run inserted before the key's statement was rolled back").isZero();
		assertThat(storage.getRunByIdempotencyKey(run.idempotencyKey())).isEmpty();
		storage.createRun(run);
		assertThat(storage.getRunByIdempotencyKey(run.idempotencyKey())).contains(run);
	}

	private static String sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
