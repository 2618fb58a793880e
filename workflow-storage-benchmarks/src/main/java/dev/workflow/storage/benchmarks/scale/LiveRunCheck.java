package dev.workflow.storage.benchmarks.scale;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row by row, what a retention pass must leave alone: per run that it keeps (every run but the
 * ended ones older than the cutoff), a digest of its {@code workflow_runs} row, of its events
 * (apart from those the appenders of the pass wrote, which are counted instead), steps, hooks and
 * cancellation flag; and a digest of each stream table's rows that are newer than the cutoff and
 * of the checkpoints of kept runs' steps. Taken before the pass and compared after it; the digests
 * are computed by the server ({@code md5} of each row's text, in key order).
 */
final class LiveRunCheck {

	private static final String KEPT_RUNS = "SELECT run_id FROM workflow_runs WHERE NOT (status IN "
			+ "('completed', 'failed', 'cancelled', 'continued_as_new', 'interrupted') AND updated_at < ?)";

	private static final String RUN_ROWS = "SELECT r.run_id, md5(r::text) FROM workflow_runs r WHERE r.run_id IN ("
			+ KEPT_RUNS + ")";

	// Events the pass's appenders wrote (their ids begin with the prefix) are counted, not digested.
	private static final String EVENT_ROWS = """
			SELECT e.run_id,
				md5(string_agg(e::text, '|' ORDER BY e.sequence) FILTER (WHERE left(e.event_id, length(?)) <> ?)),
				count(*) FILTER (WHERE left(e.event_id, length(?)) = ?), count(*), count(DISTINCT e.sequence),
				max(e.sequence) FROM events e WHERE e.run_id IN (""" + KEPT_RUNS + ") GROUP BY e.run_id";

	private static final String STEP_ROWS = "SELECT s.run_id, md5(string_agg(s::text, '|' ORDER BY s.step_id)) "
			+ "FROM steps s WHERE s.run_id IN (" + KEPT_RUNS + ") GROUP BY s.run_id";

	private static final String HOOK_ROWS = "SELECT h.run_id, md5(string_agg(h::text, '|' ORDER BY h.hook_id)) "
			+ "FROM hooks h WHERE h.run_id IN (" + KEPT_RUNS + ") GROUP BY h.run_id";

	private static final String FLAG_ROWS = "SELECT f.run_id, md5(f::text) FROM cancellation_flags f WHERE f.run_id IN ("
			+ KEPT_RUNS + ")";

	private static final Map<String, String> KEPT_STREAM_ROWS = Map.of(
			"signals", "SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM signals x WHERE published_at >= ?",
			"signal_acknowledgments",
			"SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM signal_acknowledgments x WHERE acknowledged_at >= ?",
			"scheduled_signals", """
					SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM scheduled_signals x \
					WHERE NOT delivered OR created_at >= ?""",
			"stream_subscriptions", """
					SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM stream_subscriptions x \
					WHERE status NOT IN ('terminated', 'completed') OR created_at >= ?""",
			"checkpoints", """
					SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM checkpoints x WHERE x.step_run_id IN \
					(SELECT step_id FROM steps WHERE run_id IN (""" + KEPT_RUNS + "))");

	private static final String OLD_ENDED_LEFT = "SELECT count(*) FROM workflow_runs WHERE status IN "
			+ "('completed', 'failed', 'cancelled', 'continued_as_new', 'interrupted') AND updated_at < ?";

	private static final String ORPHAN_EVENTS = """
			SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.run_id = e.run_id)""";

	/**
	 * One kept run's rows.
	 *
	 * @param row its run row's digest
	 * @param events its events' digest, those of the pass's appenders left out
	 * @param appended its events written by the pass's appenders
	 * @param eventCount all its events
	 * @param sequencesGapFree whether its sequences are 0..n-1, each once
	 * @param steps its steps' digest
	 * @param hooks its hooks' digest
	 * @param flag its flag's digest
	 */
	record RunRows(String row, String events, long appended, long eventCount, boolean sequencesGapFree, String steps,
			String hooks, String flag) {

		RunRows withoutAppendCounts() {
			return new RunRows(this.row, this.events, 0, 0, true, this.steps, this.hooks, this.flag);
		}

	}

	/**
	 * What a snapshot holds.
	 *
	 * @param runs the kept runs' rows, by run id
	 * @param streamRows the digest of each stream table's kept rows
	 */
	record Snapshot(Map<String, RunRows> runs, Map<String, String> streamRows) {

	}

	private final JdbcTemplate jdbc;

	private final Timestamp cutoff;

	private final String appendedPrefix;

	LiveRunCheck(DataSource database, Instant cutoff, String appendedPrefix) {
		this.jdbc = new JdbcTemplate(database);
		this.cutoff = Timestamp.from(cutoff);
		this.appendedPrefix = appendedPrefix;
	}

	Snapshot snapshot() {
		Map<String, String> rows = pairs(RUN_ROWS);
		Map<String, String> steps = pairs(STEP_ROWS);
		Map<String, String> hooks = pairs(HOOK_ROWS);
		Map<String, String> flags = pairs(FLAG_ROWS);
		Map<String, RunRows> runs = new HashMap<>(rows.size() * 2);
		Map<String, Object[]> events = new HashMap<>(rows.size() * 2);
		this.jdbc.query(EVENT_ROWS, (rs) -> {
			long count = rs.getLong(4);
			events.put(rs.getString(1), new Object[] { rs.getString(2), rs.getLong(3), count,
					rs.getLong(5) == count && rs.getLong(6) == count - 1 });
		}, this.appendedPrefix, this.appendedPrefix, this.appendedPrefix, this.appendedPrefix, this.cutoff);
		rows.forEach((runId, row) -> {
			Object[] log = events.getOrDefault(runId, new Object[] { null, 0L, 0L, true });
			runs.put(runId, new RunRows(row, (String) log[0], (Long) log[1], (Long) log[2], (Boolean) log[3],
					steps.get(runId), hooks.get(runId), flags.get(runId)));
		});
		Map<String, String> streamRows = new LinkedHashMap<>();
		KEPT_STREAM_ROWS.forEach((table, sql) -> streamRows.put(table,
				this.jdbc.queryForObject(sql, String.class, this.cutoff)));
		return new Snapshot(runs, streamRows);
	}

	private Map<String, String> pairs(String sql) {
		Map<String, String> pairs = new HashMap<>();
		this.jdbc.query(sql, (rs) -> {
			pairs.put(rs.getString(1), rs.getString(2));
		}, this.cutoff);
		return pairs;
	}

	/**
	 * Compares a snapshot taken after the pass with the one before, and the appenders' tally.
	 * @param before before the pass
	 * @param after after it
	 * @param appendedByRun what the pass's appenders wrote to each run
	 * @return the differences, none if every kept row is as it was
	 */
	List<String> differences(Snapshot before, Snapshot after, Map<String, Long> appendedByRun) {
		List<String> differences = new ArrayList<>();
		before.runs().forEach((runId, was) -> {
			RunRows is = after.runs().get(runId);
			if (is == null) {
				differences.add("kept run " + runId + " is gone");
				return;
			}
			if (!is.withoutAppendCounts().equals(was.withoutAppendCounts())) {
				differences.add("kept run " + runId + " changed: " + was + " -> " + is);
			}
			long appended = appendedByRun.getOrDefault(runId, 0L);
			if (is.appended() != appended || is.eventCount() != was.eventCount() + appended || !is.sequencesGapFree()) {
				differences.add("kept run " + runId + ": " + is.appended() + " appended events stored, " + appended
						+ " appended; " + was.eventCount() + " -> " + is.eventCount() + " events; gap-free "
						+ is.sequencesGapFree());
			}
		});
		after.runs().keySet().stream().filter((runId) -> !before.runs().containsKey(runId))
			.forEach((runId) -> differences.add("run " + runId + " appeared"));
		before.streamRows().forEach((table, digest) -> {
			if (!digest.equals(after.streamRows().get(table))) {
				differences.add("kept rows of " + table + " changed");
			}
		});
		return differences;
	}

	/**
	 * What retention must have removed: no ended run older than the cutoff, no event without its run.
	 * @return ended runs older than the cutoff left, and events whose run is gone
	 */
	long[] leftovers() {
		return new long[] { this.jdbc.queryForObject(OLD_ENDED_LEFT, Long.class, this.cutoff),
				this.jdbc.queryForObject(ORPHAN_EVENTS, Long.class) };
	}

}
