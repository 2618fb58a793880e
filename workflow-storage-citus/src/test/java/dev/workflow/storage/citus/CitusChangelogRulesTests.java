package dev.workflow.storage.citus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Citus rules, checked on the changelog's text without a cluster: every primary key and
 * unique constraint contains its table's distribution column, every table is distributed (or a
 * reference table), and foreign keys join co-located tables on the distribution column.
 */
class CitusChangelogRulesTests {

	private static final String DIRECTORY = "db/workflow-storage/citus/";

	private static final Pattern CREATE_TABLE = Pattern
		.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\((.*?)\\n\\s*\\)", Pattern.DOTALL);

	private static final Pattern KEY = Pattern.compile("(PRIMARY KEY|UNIQUE) \\(([^)]*)\\)");

	private static final Pattern INLINE_KEY = Pattern.compile("^\\s*(\\w+) [^,]*\\b(PRIMARY KEY|UNIQUE)\\b",
			Pattern.MULTILINE);

	private static final Pattern UNIQUE_INDEX = Pattern
		.compile("CREATE UNIQUE INDEX IF NOT EXISTS \\w+ ON (\\w+)\\(([^)]*)\\)");

	private static final Pattern DISTRIBUTED = Pattern
		.compile("create_distributed_table\\('(\\w+)', '(\\w+)', colocate_with => '(\\w+)'\\)");

	private static final Pattern REFERENCE = Pattern.compile("create_reference_table\\('(\\w+)'\\)");

	private static final Pattern FOREIGN_KEY = Pattern
		.compile("ALTER TABLE (\\w+) ADD CONSTRAINT \\w+\\s+FOREIGN KEY \\((\\w+)\\) REFERENCES (\\w+)\\((\\w+)\\)");

	private static final Pattern SQL_FILE = Pattern.compile("<sqlFile path=\"([^\"]+)\"");

	private static final Pattern PROPERTY = Pattern.compile("<property name=\"([\\w.]+)\" global=\"false\" value=\"([^\"]*)\"/>");

	private static final Pattern REFERENCE_TO_PROPERTY = Pattern.compile("\\$\\{([\\w.]+)}");

	private final String tables = withSqlFiles(read(DIRECTORY + "tables.xml"));

	private final String distributed = read(DIRECTORY + "distributed-tables.xml");

	private final String reference = read(DIRECTORY + "reference-tables.xml");

	private final String constraints = read(DIRECTORY + "constraints.xml");

	@Test
	void everyKeyContainsTheDistributionColumn() {
		Map<String, String> distributionColumns = distributionColumns();
		Map<String, List<List<String>>> keys = keys();
		assertThat(keys).isNotEmpty();
		keys.forEach((table, tableKeys) -> {
			if (isReferenceTable(table)) {
				return;
			}
			String column = distributionColumns.get(table);
			assertThat(tableKeys).as("keys of %s", table)
				.isNotEmpty()
				.allSatisfy((key) -> assertThat(key).as("a key of %s", table).contains(column));
		});
	}

	@Test
	void everyTableHasADistributionChangeset() {
		List<String> created = new ArrayList<>(keys().keySet());
		assertThat(created).containsAll(CitusMetadata.TABLES);
		for (String table : created) {
			assertThat(distributionColumns().containsKey(table) || isReferenceTable(table))
				.as("%s is distributed or a reference table", table)
				.isTrue();
		}
	}

	@Test
	void distributionChangesetsAreGuardedAndRunTablesColocated() {
		Matcher matcher = DISTRIBUTED.matcher(this.distributed);
		while (matcher.find()) {
			String table = matcher.group(1);
			if (matcher.group(2).equals("run_id") && !table.equals("workflow_runs")) {
				assertThat(matcher.group(3)).as("%s co-located", table).isEqualTo("workflow_runs");
			}
		}
		int changesets = this.distributed.split("<changeSet ").length - 1;
		int guards = this.distributed.split("FROM pg_dist_partition WHERE logicalrelid = to_regclass\\(").length - 1;
		assertThat(guards).isEqualTo(changesets).isEqualTo(distributionColumns().size());
		assertThat(this.reference).contains("FROM pg_dist_partition WHERE logicalrelid = to_regclass('schema_versions')");
	}

	@Test
	void foreignKeysJoinColocatedTablesOnTheDistributionColumn() {
		Map<String, String> columns = distributionColumns();
		Matcher matcher = FOREIGN_KEY.matcher(this.constraints);
		List<String> found = new ArrayList<>();
		while (matcher.find()) {
			String table = matcher.group(1);
			found.add(table);
			assertThat(matcher.group(2)).isEqualTo(columns.get(table));
			assertThat(matcher.group(3)).isEqualTo("workflow_runs");
			assertThat(matcher.group(4)).isEqualTo(columns.get("workflow_runs"));
		}
		// None from events: pyworkflow records schedule events under the schedule's id.
		assertThat(found).containsExactlyInAnyOrder("steps", "hooks", "cancellation_flags");
	}

	private boolean isReferenceTable(String table) {
		return REFERENCE.matcher(this.reference).results().anyMatch((result) -> result.group(1).equals(table));
	}

	private Map<String, String> distributionColumns() {
		Map<String, String> columns = new HashMap<>();
		DISTRIBUTED.matcher(this.distributed).results().forEach((result) -> columns.put(result.group(1), result.group(2)));
		return columns;
	}

	private Map<String, List<List<String>>> keys() {
		Map<String, List<List<String>>> keys = new LinkedHashMap<>();
		Matcher table = CREATE_TABLE.matcher(this.tables);
		while (table.find()) {
			List<List<String>> tableKeys = keys.computeIfAbsent(table.group(1), (name) -> new ArrayList<>());
			String body = table.group(2);
			KEY.matcher(body).results().forEach((key) -> tableKeys.add(columns(key.group(2))));
			INLINE_KEY.matcher(body).results().forEach((key) -> tableKeys.add(List.of(key.group(1))));
		}
		UNIQUE_INDEX.matcher(this.tables).results().forEach((index) -> keys.get(index.group(1)).add(columns(index.group(2))));
		return keys;
	}

	private static List<String> columns(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).toList();
	}

	// The changelog with the shared SQL files it runs appended, their properties filled in as
	// Liquibase fills them.
	private static String withSqlFiles(String changelog) {
		Map<String, String> properties = new HashMap<>();
		PROPERTY.matcher(changelog).results().forEach((property) -> properties.put(property.group(1), property.group(2)));
		StringBuilder text = new StringBuilder(changelog);
		SQL_FILE.matcher(changelog).results().forEach((file) -> text.append('\n').append(read(file.group(1))));
		return REFERENCE_TO_PROPERTY.matcher(text).replaceAll((reference) -> {
			assertThat(properties).as("properties of tables.xml").containsKey(reference.group(1));
			return Matcher.quoteReplacement(properties.get(reference.group(1)));
		});
	}

	private static String read(String resource) {
		try (InputStream in = CitusChangelogRulesTests.class.getClassLoader().getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
