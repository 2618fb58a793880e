package dev.workflow.storage.citus.pyworkflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of every table in a database, as text, and the definition of every index, to prove
 * later that nothing was deleted or rewritten. Only the columns a table had when the snapshot was
 * taken are compared, so columns a migration adds (and backfills) do not count as a change; to
 * prove that nothing at all changed, {@link #assertUnchanged} compares everything.
 */
final class TableSnapshot {

	// why: our migrator may add pyworkflow's own schema_versions rows (1 and 2) when missing.
	private static final String GROWS_ONLY = "schema_versions";

	private final Map<String, List<String>> columns;

	private final Map<String, List<String>> rows;

	private final List<String> indexes;

	private TableSnapshot(Map<String, List<String>> columns, Map<String, List<String>> rows, List<String> indexes) {
		this.columns = columns;
		this.rows = rows;
		this.indexes = indexes;
	}

	static TableSnapshot of(JdbcClient jdbc) {
		Map<String, List<String>> columns = columns(jdbc);
		Map<String, List<String>> rows = new LinkedHashMap<>();
		columns.forEach((table, names) -> rows.put(table, rows(jdbc, table, names)));
		return new TableSnapshot(columns, rows, indexes(jdbc));
	}

	private static Map<String, List<String>> columns(JdbcClient jdbc) {
		Map<String, List<String>> columns = new LinkedHashMap<>();
		for (String table : jdbc.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
			.query(String.class)
			.list()) {
			columns.put(table, jdbc.sql("""
					SELECT column_name FROM information_schema.columns
					WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""")
				.param(table)
				.query(String.class)
				.list());
		}
		return columns;
	}

	private static List<String> indexes(JdbcClient jdbc) {
		return jdbc.sql("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname")
			.query(String.class)
			.list();
	}

	/**
	 * Asserts that every row snapshotted is still there, unchanged, and that no table gained or
	 * lost rows (except pyworkflow's version rows, which may be completed).
	 * @param jdbc the same database, later
	 */
	void assertNothingDeletedOrRewritten(JdbcClient jdbc) {
		this.columns.forEach((table, names) -> {
			List<String> now = rows(jdbc, table, names);
			if (GROWS_ONLY.equals(table)) {
				assertThat(now).as("rows of %s after our migration", table).containsAll(this.rows.get(table));
			}
			else {
				assertThat(now).as("rows of %s after our migration", table).isEqualTo(this.rows.get(table));
			}
		});
	}

	/**
	 * Asserts that nothing changed at all: the same tables with the same columns and indexes, and
	 * every row of every table, pyworkflow's version rows too, as it was.
	 * @param jdbc the same database, later
	 * @param after what happened since the snapshot, for the messages
	 */
	void assertUnchanged(JdbcClient jdbc, String after) {
		TableSnapshot now = of(jdbc);
		assertThat(now.columns).as("tables and their columns after %s", after).isEqualTo(this.columns);
		assertThat(now.indexes).as("indexes after %s", after).isEqualTo(this.indexes);
		assertThat(now.rows).as("rows after %s", after).isEqualTo(this.rows);
	}

	int rowCount(String table) {
		return this.rows.getOrDefault(table, List.of()).size();
	}

	private static List<String> rows(JdbcClient jdbc, String table, List<String> names) {
		String columns = names.stream().map((name) -> "\"" + name + "\"").collect(Collectors.joining(", "));
		return jdbc.sql("SELECT ROW(" + columns + ")::text FROM \"" + table + "\" ORDER BY 1")
			.query(String.class)
			.list();
	}

}
