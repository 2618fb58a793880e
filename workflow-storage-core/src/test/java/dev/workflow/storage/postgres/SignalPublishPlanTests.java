package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.model.NewSignal;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publish finds its stream run's highest sequence in one entry of
 * {@code idx_signals_stream_run_id_sequence}, however many signals the stream run holds: the plan
 * PostgreSQL makes for the statement the storage really sends, with its parameters, on a stream
 * run of 20,000 signals.
 */
class SignalPublishPlanTests {

	@Test
	void publishReadsTheLastIndexEntryOfItsStreamRunOnly() {
		try (HikariDataSource database = EmbeddedPostgresServer.newMigratedDatabase("publish_plan")) {
			EmbeddedPostgresServer.execute(database, """
					INSERT INTO signals (stream_run_id, sequence, signal_id, stream_id, signal_type)
						SELECT 'long-run', n, 'sig-' || n, 'stream-' || (n % 4), 'tick' FROM generate_series(0, 19999) AS n;
					ANALYZE signals""");
			StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
			WorkflowStorage storage = new PostgresWorkflowStorage(recording);
			assertThat(storage.publishSignal(NewSignal.of("sig-next", "stream-1", "tick", "{}").inStreamRun("long-run")))
				.isEqualTo(20_000);
			List<RecordedStatement> insert = recording.recordedStatements().get(0).statements();
			assertThat(insert).hasSize(2);
			String plan = explain(database, insert.get(1));
			assertThat(plan).as(plan)
				.contains("Index Only Scan Backward using idx_signals_stream_run_id_sequence")
				.contains("Limit")
				.doesNotContain("Aggregate");
		}
	}

	private static String explain(HikariDataSource database, RecordedStatement statement) {
		try (Connection connection = database.getConnection();
				PreparedStatement explain = connection.prepareStatement("EXPLAIN " + statement.sql())) {
			statement.bindTo(explain);
			List<String> plan = new ArrayList<>();
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
			return String.join("\n", plan);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("EXPLAIN failed for " + statement, ex);
		}
	}

}
