package dev.workflow.storage.benchmarks.dashboard;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements one page sent (recorded by test-support's {@code StatementRecordingDataSource}
 * in the application), and which of the heavy columns of {@code workflow_runs} (unbounded values
 * a worker writes) each selects, or reads in its condition only.
 *
 * @param page the page's path and query
 * @param statements the statements, each with its bound parameters
 * @param selected heavy columns some statement selects (must be none for the runs page)
 * @param inCondition heavy columns some statement reads in its {@code WHERE} only
 */
record StatementCheck(String page, List<String> statements, Set<String> selected, Set<String> inCondition) {

	/**
	 * The columns of {@code workflow_runs} whose values have no bound.
	 */
	static final List<String> HEAVY_COLUMNS = List.of("input_args", "input_kwargs", "result", "metadata");

	private static final Pattern SELECT_LIST = Pattern.compile("(?is)^\\s*SELECT\\s+(.*?)\\s+FROM\\s");

	private static final Pattern WHERE = Pattern.compile("(?is)\\sWHERE\\s(.*)$");

	static StatementCheck of(String page, String recorded) {
		List<String> statements = recorded.isBlank() ? List.of()
				: Arrays.stream(recorded.split("\n" + BenchRoutes.STATEMENT_SEPARATOR + "\n")).toList();
		Set<String> selected = new LinkedHashSet<>();
		Set<String> inCondition = new LinkedHashSet<>();
		for (String statement : statements) {
			String sql = statement.split("\n  with ", 2)[0];
			Matcher select = SELECT_LIST.matcher(sql);
			Matcher where = WHERE.matcher(sql);
			if (select.find(0) && select.group(1).contains("*")) {
				// SELECT * reads every column.
				selected.addAll(HEAVY_COLUMNS);
			}
			for (String column : HEAVY_COLUMNS) {
				Pattern word = Pattern.compile("\\b" + column + "\\b");
				if (select.find(0) && word.matcher(select.group(1)).find()) {
					selected.add(column);
				}
				else if (where.find(0) && word.matcher(where.group(1)).find()) {
					inCondition.add(column);
				}
			}
		}
		return new StatementCheck(page, statements, selected, inCondition);
	}

}
