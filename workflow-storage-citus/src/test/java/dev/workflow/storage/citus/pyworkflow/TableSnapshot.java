package dev.workflow.storage.citus.pyworkflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of every table in a database, as text, to prove later that nothing was deleted or
 * rewritten. Only the columns a table had when the snapshot was taken are compared, so columns
 * a migration adds (and backfills) do not count as a change.
 */
final class TableSnapshot {

	// why: our migrator may add pyworkflow's own schema_versions rows (1 and 2) when missing.
	private static final String GROWS_ONLY = "schema_versions";

	private final Map<String, List<String>> columns;

	private final Map<String, List<String>> rows;

	private TableSnapshot(Map<String, List<String>> columns, Map<String, List<String>> rows) {
		this.columns = columns;
		this.rows = rows;
	}

	static TableSnapshot of(JdbcClient jdbc) {
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
		Map<String, List<String>> rows = new LinkedHashMap<>();
		columns.forEach((table, names) -> rows.put(table, rows(jdbc, table, names)));
		return new TableSnapshot(columns, rows);
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
