package dev.workflow.storage.citus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.workflow.storage.NotFoundException;
import dev.workflow.storage.WorkflowStorage;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.postgres.SchemaMigrationException;
import dev.workflow.storage.postgres.SchemaMigrator;
import dev.workflow.storage.testing.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Citus changelog on databases an earlier version of it migrated, and on rows that break
 * the foreign keys it adds.
 */
@EnabledIfCitus
class CitusSchemaUpgradeTests {

	private static final String EVENTS_FOREIGN_KEY = """
			SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'f'""";

	// The checksums of the changesets whose SQL was written in tables.xml before it ran the shared
	// files of db/workflow-storage/common.
	private static final Map<String, String> CHECKSUMS_BEFORE_COMMON_SQL = Map.of("citus-1-schema-versions",
			"9:652a1daea1d0a0f53ab57786d732921c", "citus-2-workflow-runs", "9:846770fec800d28d26b578919db0bd9d",
			"citus-4-events", "9:dcac2a658775cf5d621b3367e469e665", "citus-5-steps",
			"9:270ffebf4dd039743364ee3543c4df01", "citus-6-hooks", "9:e4efbb5911c93eff911f5136ec033488",
			"citus-8-schedules", "9:f4ab14993c8d92a569dc482a08b4d1f1", "citus-9-cancellation-flags",
			"9:7389ae53c83bed3efc1b9f163e326880");

	private static final String RUN_ID_INDEXES = """
			SELECT indexname FROM pg_indexes WHERE indexname IN ('idx_steps_run_id', 'idx_hooks_run_id') ORDER BY 1""";

	@Test
	void theEventsForeignKeyOfEarlierVersionsIsDroppedSoScheduleEventsFitAndOurAppendsStillNeedTheirRun() {
		DataSource dataSource = CitusClusters.newMigratedDatabase("upgrade");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(jdbc.sql(EVENTS_FOREIGN_KEY).query(Integer.class).single()).isZero();
		// As an earlier version of the changelog left the database.
		jdbc.sql("ALTER TABLE events ADD CONSTRAINT events_run_id_fkey FOREIGN KEY (run_id) "
				+ "REFERENCES workflow_runs(run_id) ON DELETE CASCADE").update();
		jdbc.sql("DELETE FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id = 'citus-drop-events-fk'").update();
		new CitusSchemaMigrator(dataSource).migrate();
		assertThat(jdbc.sql(EVENTS_FOREIGN_KEY).query(Integer.class).single()).isZero();
		// What pyworkflow's scheduler writes when a schedule fires: the schedule's id as run_id.
		jdbc.sql("""
				INSERT INTO events (event_id, run_id, sequence, type, timestamp, data)
				VALUES ('evt-fired', 'sched_nightly', 0, 'schedule.triggered', now(), '{"schedule_id": "sched_nightly"}')""")
			.update();
		WorkflowStorage storage = new CitusWorkflowStorage(dataSource);
		assertThat(storage.getEvents("sched_nightly")).extracting((event) -> event.eventId()).containsExactly("evt-fired");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> storage.recordEvent(TestData.event("sched_nightly", "schedule.triggered", Instant.now(), "{}")))
			.withMessageContaining("sched_nightly");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> storage.recordEvents("no-such-run",
					List.of(TestData.event("no-such-run", "workflow.started", Instant.now(), "{}"))));
		assertThat(storage.getEvents("no-such-run")).isEmpty();
	}

	@Test
	void databaseMigratedBeforeTheSharedSqlFilesValidatesAndGetsOnlyPyworkflowsRunIdIndexes() {
		DataSource dataSource = CitusClusters.newMigratedDatabase("before_common_sql");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// As the previous layout left the database: its checksums, no run_id index on steps or hooks.
		CHECKSUMS_BEFORE_COMMON_SQL.forEach((id, checksum) -> assertThat(jdbc
			.sql("UPDATE " + SchemaMigrator.CHANGELOG_TABLE + " SET md5sum = ? WHERE id = ? AND md5sum <> ?")
			.params(checksum, id, checksum)
			.update()).as(id).isOne());
		jdbc.sql("DROP INDEX idx_steps_run_id").update();
		jdbc.sql("DROP INDEX idx_hooks_run_id").update();
		jdbc.sql("DELETE FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id = 'citus-10-run-id-indexes'").update();
		int lastExecuted = jdbc.sql("SELECT MAX(orderexecuted) FROM " + SchemaMigrator.CHANGELOG_TABLE)
			.query(Integer.class)
			.single();
		CitusSchemaMigrator migrator = new CitusSchemaMigrator(dataSource);
		migrator.migrate();
		migrator.validate();
		assertThat(jdbc.sql("SELECT id FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE orderexecuted > ?")
			.param(lastExecuted)
			.query(String.class)
			.list()).containsExactly("citus-10-run-id-indexes");
		assertThat(jdbc.sql(RUN_ID_INDEXES).query(String.class).list()).containsExactly("idx_hooks_run_id",
				"idx_steps_run_id");
	}

	@Test
	void rowsOfRunsThatDoNotExistStopTheMigrationNamingThemAndNothingChanges() {
		DataSource dataSource = CitusClusters.newMigratedDatabase("orphans");
		JdbcClient jdbc = JdbcClient.create(dataSource);
		// As pyworkflow's Citus tables are: no foreign key from steps to runs.
		jdbc.sql("ALTER TABLE steps DROP CONSTRAINT steps_run_id_fkey").update();
		jdbc.sql("DELETE FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id = 'citus-fk-steps'").update();
		jdbc.sql("""
				INSERT INTO steps (step_id, run_id, step_name, status, created_at)
				VALUES ('s1', 'gone-run', 'charge', 'completed', now())""").update();
		assertThatExceptionOfType(SchemaMigrationException.class)
			.isThrownBy(() -> new CitusSchemaMigrator(dataSource).migrate())
			.withMessageContaining("Table steps holds rows of runs that do not exist")
			.withMessageContaining("'gone-run'")
			.withMessageContaining("steps_run_id_fkey")
			.withMessageContaining("Nothing was changed");
		assertThat(jdbc.sql("SELECT step_id FROM steps").query(String.class).list()).containsExactly("s1");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM " + SchemaMigrator.CHANGELOG_TABLE + " WHERE id = 'citus-fk-steps'")
			.query(Integer.class)
			.single()).isZero();
		new CitusWorkflowStorage(dataSource).createRun(TestData.run(Instant.now()).runId("gone-run").build());
		new CitusSchemaMigrator(dataSource).migrate();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'steps_run_id_fkey'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
