package dev.workflow.storage.citus;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.citus.testing.CitusClusters;
import dev.workflow.storage.citus.testing.EnabledIfCitus;
import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema {@code SchemaMigrator} leaves on PostgreSQL and the one {@code CitusSchemaMigrator}
 * leaves on Citus, read from the catalogs of real servers: every shared table has the same
 * columns, indexes and foreign keys on both, except the differences listed here, each of which
 * Citus needs (README, "How Citus differs"). A difference not listed fails, and so does a listed
 * one that is no longer there.
 */
@EnabledIfCitus
class SchemaComparisonTests {

	private static final List<String> SHARED_TABLES = List.of("schema_versions", "workflow_runs", "events", "steps",
			"hooks", "schedules", "cancellation_flags", "checkpoints", "streams", "signals", "stream_subscriptions",
			"scheduled_signals", "signal_acknowledgments");

	// Uniqueness Citus keeps in tables distributed on the value instead of a unique index.
	private static final List<String> CITUS_ONLY_TABLES = List.of("workflow_idempotency_keys", "hook_tokens");

	// Every primary key and unique constraint on Citus contains the distribution column; a value
	// unique across runs is kept unique by a key table; Citus enforces no self-reference and this
	// changelog adds no events foreign key (pyworkflow's schedule events name no run). A signal id
	// is unique on PostgreSQL only, as in pyworkflow's own tables: signals are distributed on
	// stream_run_id on Citus.
	private static final List<String> POSTGRES_ONLY = List.of(
			"index workflow_runs: CREATE UNIQUE INDEX idx_runs_idempotency_key ON public.workflow_runs USING btree (idempotency_key) WHERE (idempotency_key IS NOT NULL)",
			"index events: CREATE UNIQUE INDEX events_pkey ON public.events USING btree (event_id)",
			"index steps: CREATE UNIQUE INDEX steps_pkey ON public.steps USING btree (step_id)",
			"index hooks: CREATE UNIQUE INDEX hooks_token_key ON public.hooks USING btree (token)",
			"index hooks: CREATE UNIQUE INDEX idx_hooks_token ON public.hooks USING btree (token)",
			"foreign key workflow_runs: workflow_runs_parent_run_id_fkey FOREIGN KEY (parent_run_id) REFERENCES workflow_runs(run_id)",
			"foreign key events: events_run_id_fkey FOREIGN KEY (run_id) REFERENCES workflow_runs(run_id) ON DELETE CASCADE",
			"index signals: CREATE UNIQUE INDEX idx_signals_signal_id ON public.signals USING btree (signal_id)");

	private static final List<String> CITUS_ONLY = List.of(
			"index workflow_runs: CREATE INDEX idx_runs_idempotency_key ON public.workflow_runs USING btree (idempotency_key) WHERE (idempotency_key IS NOT NULL)",
			"index events: CREATE UNIQUE INDEX events_pkey ON public.events USING btree (run_id, event_id)",
			"index steps: CREATE UNIQUE INDEX steps_pkey ON public.steps USING btree (run_id, step_id)",
			// getStep names only the step id: each shard finds it without scanning (pyworkflow's Citus index).
			"index steps: CREATE INDEX idx_steps_step_id ON public.steps USING btree (step_id)",
			"index hooks: CREATE UNIQUE INDEX hooks_run_id_token_key ON public.hooks USING btree (run_id, token)",
			"index hooks: CREATE INDEX idx_hooks_token ON public.hooks USING btree (token)",
			"index signals: CREATE INDEX idx_signals_signal_id ON public.signals USING btree (signal_id)");

	private static final String COLUMNS = """
			SELECT 'column ' || table_name || '.' || column_name || ' #' || ordinal_position || ': ' || data_type
				|| CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END
				|| COALESCE(' DEFAULT ' || column_default, '')
			FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ANY (?)""";

	private static final String INDEXES = """
			SELECT 'index ' || t.relname || ': ' || pg_get_indexdef(i.indexrelid)
			FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
			WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY (?)""";

	private static final String FOREIGN_KEYS = """
			SELECT 'foreign key ' || t.relname || ': ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
			FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
			WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY (?)""";

	@Test
	void sharedTablesHaveTheSameColumnsIndexesAndForeignKeysExceptTheListedCitusDifferences() {
		DataSource citus = CitusClusters.newMigratedDatabase("compare");
		try (HikariDataSource postgres = EmbeddedPostgresServer.newMigratedDatabase("compare")) {
			List<String> onPostgres = schema(postgres, SHARED_TABLES);
			List<String> onCitus = schema(citus, SHARED_TABLES);
			for (String table : SHARED_TABLES) {
				assertThat(onCitus).as("columns of %s", table).anyMatch((line) -> line.startsWith("column " + table + "."));
			}
			assertThat(onPostgres).as("PostgreSQL's side of the listed differences").containsAll(POSTGRES_ONLY);
			assertThat(onCitus).as("Citus's side of the listed differences").containsAll(CITUS_ONLY);
			onPostgres.removeAll(POSTGRES_ONLY);
			onCitus.removeAll(CITUS_ONLY);
			assertThat(onCitus).as("Citus schema compared with PostgreSQL's").containsExactlyInAnyOrderElementsOf(onPostgres);
			assertThat(schema(postgres, CITUS_ONLY_TABLES)).isEmpty();
			assertThat(schema(citus, CITUS_ONLY_TABLES)).isNotEmpty();
		}
	}

	/**
	 * The columns (type, nullability, default), indexes (keys among them) and foreign keys of
	 * tables, each as a line of text.
	 */
	static List<String> schema(DataSource dataSource, List<String> tables) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		String[] names = tables.toArray(String[]::new);
		List<String> schema = new ArrayList<>();
		for (String query : List.of(COLUMNS, INDEXES, FOREIGN_KEYS)) {
			schema.addAll(jdbc.sql(query).param(names).query(String.class).list());
		}
		return schema;
	}

}
