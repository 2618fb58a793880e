package dev.workflow.storage.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.workflow.storage.WorkflowStorageException;

/**
 * The {@link AdoptionCheck}s of the workflow storage changelogs. Each runs only while the
 * constraint it guards is still missing, so a database that has it costs one catalog lookup.
 *
 * @since 0.1.0
 */
public final class AdoptionChecks {

	// How many offending rows a message names.
	private static final int SHOWN = 10;

	private static final String DUPLICATE_SEQUENCES = """
			SELECT run_id, sequence, COUNT(*) FROM events GROUP BY run_id, sequence HAVING COUNT(*) > 1
			ORDER BY run_id, sequence""" + " LIMIT " + SHOWN;

	/**
	 * Before the unique index on {@code events (run_id, sequence)}: no two events of a run share
	 * a sequence. pyworkflow has no such index, and its appenders race.
	 */
	public static final AdoptionCheck UNIQUE_EVENT_SEQUENCES = (connection, changelog) -> {
		if (!bool(connection, "SELECT to_regclass('events') IS NOT NULL") || EventSequenceIndex.uniqueExists(connection)) {
			return;
		}
		List<String> duplicates = rows(connection, DUPLICATE_SEQUENCES, (rs) -> "run "
				+ WorkflowStorageException.quote(rs.getString(1)) + " sequence " + rs.getInt(2) + " (" + rs.getInt(3)
				+ " events)");
		if (!duplicates.isEmpty()) {
			throw new SchemaMigrationException(changelog, "Table events holds events of one run that share a "
					+ "sequence number, written concurrently by pyworkflow's workers, which do not keep sequences "
					+ "unique: " + String.join(", ", duplicates) + ((duplicates.size() == SHOWN) ? ", ..." : "")
					+ ". Workflow storage needs each (run_id, sequence) once. Renumber each such run, keeping the "
					+ "order (UPDATE events e SET sequence = r.n - 1 FROM (SELECT event_id, row_number() OVER "
					+ "(ORDER BY sequence, timestamp, event_id) AS n FROM events WHERE run_id = '<run>') r "
					+ "WHERE e.run_id = '<run>' AND e.event_id = r.event_id), then start again. Nothing was changed.",
					null);
		}
	};

	/**
	 * Before the stream tables of pyworkflow's schema versions 3 to 7: a {@code signals} table
	 * already there has the shape of version 3 on. A pyworkflow before version 3 kept signals keyed
	 * by {@code signal_id}; its migration 3 drops that table (with {@code signal_acknowledgments})
	 * and creates it anew, which this library does not do to rows it did not write, nor can it
	 * record version 3 over them.
	 */
	public static final AdoptionCheck SIGNALS_OF_SCHEMA_VERSION_3 = (connection, changelog) -> {
		if (bool(connection, "SELECT to_regclass('signals') IS NOT NULL") && !bool(connection, """
				SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('signals')
				AND attname = 'stream_run_id' AND NOT attisdropped)""")) {
			throw new SchemaMigrationException(changelog, "Table signals has the shape of a pyworkflow before its "
					+ "schema version 3 (no stream_run_id column). pyworkflow's migration 3 drops it and "
					+ "signal_acknowledgments, with their rows, and creates both anew; workflow storage deletes no "
					+ "rows it did not write. Start a pyworkflow worker of schema version 3 or later once (it "
					+ "migrates the table), or drop both tables yourself, then start again. Nothing was changed.",
					null);
		}
	};

	private AdoptionChecks() {
	}

	/**
	 * Before a foreign key from a run-scoped table to {@code workflow_runs}: every row's run
	 * exists. pyworkflow's Citus tables have no such keys.
	 * @param table the run-scoped table, a constant of the changelog
	 * @param foreignKey the name of the foreign key the changelog adds
	 * @return the check
	 */
	public static AdoptionCheck runsExist(String table, String foreignKey) {
		String missing = "SELECT to_regclass('" + table + "') IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_constraint "
				+ "WHERE conrelid = to_regclass('" + table + "') AND contype = 'f')";
		String orphans = "SELECT DISTINCT t.run_id FROM " + table + " t WHERE NOT EXISTS "
				+ "(SELECT 1 FROM workflow_runs r WHERE r.run_id = t.run_id) ORDER BY t.run_id LIMIT " + SHOWN;
		return (connection, changelog) -> {
			if (!bool(connection, missing)) {
				return;
			}
			List<String> runIds = rows(connection, orphans, (rs) -> WorkflowStorageException.quote(rs.getString(1)));
			if (!runIds.isEmpty()) {
				throw new SchemaMigrationException(changelog, "Table " + table + " holds rows of runs that do not "
						+ "exist in workflow_runs: run_id " + String.join(", ", runIds)
						+ ((runIds.size() == SHOWN) ? ", ..." : "") + ". Workflow storage adds the foreign key "
						+ foreignKey + " (" + table + ".run_id references workflow_runs); delete those rows, or "
						+ "create their runs, then start again (find them with: SELECT * FROM " + table + " t WHERE "
						+ "NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.run_id = t.run_id)). Nothing was changed.",
						null);
			}
		};
	}

	private static boolean bool(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	private static List<String> rows(Connection connection, String sql, RowText text) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				rows.add(text.of(rs));
			}
		}
		return rows;
	}

	@FunctionalInterface
	private interface RowText {

		String of(ResultSet rs) throws SQLException;

	}

}
