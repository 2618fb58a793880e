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
 * reference table) by a changeset skipped once it is, foreign keys join co-located tables on the
 * distribution column, reference tables are written after distribution in sequential mode only,
 * DDL reaches the shards, and the shared SQL the PostgreSQL changelog runs runs here too.
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

	private static final Pattern CHANGESET = Pattern.compile("<changeSet id=\"([\\w-]+)\".*?</changeSet>", Pattern.DOTALL);

	private static final Pattern GUARD = Pattern.compile(
			"<sqlCheck expectedResult=\"0\">\\s*SELECT COUNT\\(\\*\\) FROM pg_dist_partition WHERE logicalrelid = to_regclass\\('(\\w+)'\\)\\s*</sqlCheck>");

	private static final Pattern DISTRIBUTING = Pattern.compile("create_(?:distributed|reference)_table\\('(\\w+)'");

	// DDL in a PL/pgSQL block runs through SPI, which Citus does not propagate to the shards.
	private static final Pattern PLPGSQL_BLOCK = Pattern.compile("\\bDO\\s+\\$", Pattern.CASE_INSENSITIVE);

	private static final String SEQUENTIAL = "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'";

	private static final String POSTGRES_CHANGELOG = "db/workflow-storage/postgres/changelog.xml";

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
	void everyDistributionChangesetIsSkippedOnceItsOwnTableIsDistributed() {
		List<String> distributing = new ArrayList<>();
		for (String file : List.of(this.distributed, this.reference)) {
			CHANGESET.matcher(file).results().forEach((changeset) -> {
				List<String> distributed = DISTRIBUTING.matcher(changeset.group()).results().map((call) -> call.group(1)).toList();
				List<String> guarded = GUARD.matcher(changeset.group()).results().map((guard) -> guard.group(1)).toList();
				assertThat(distributed).as("tables %s distributes", changeset.group(1)).hasSize(1);
				assertThat(guarded).as("the table whose distribution skips %s", changeset.group(1)).isEqualTo(distributed);
				assertThat(changeset.group()).as(changeset.group(1)).contains("<preConditions onFail=\"MARK_RAN\">");
				distributing.addAll(distributed);
			});
		}
		assertThat(distributing).containsExactlyInAnyOrderElementsOf(CitusMetadata.TABLES);
	}

	@Test
	void changesetsWritingReferenceTablesAfterDistributionRunInSequentialMode() {
		List<String> writing = CHANGESET.matcher(this.constraints)
			.results()
			.filter((changeset) -> withSqlFiles(changeset.group()).contains("INSERT INTO schema_versions"))
			.map((changeset) -> changeset.group(1))
			.toList();
		assertThat(writing).contains("citus-schema-versions-rows", "citus-schema-versions-rows-3-to-7");
		CHANGESET.matcher(this.constraints)
			.results()
			.filter((changeset) -> writing.contains(changeset.group(1)))
			.forEach((changeset) -> assertThat(changeset.group().indexOf(SEQUENTIAL)).as(changeset.group(1))
				.isNotNegative()
				.isLessThan(Math.max(changeset.group().indexOf("<sqlFile"), changeset.group().indexOf("INSERT INTO"))));
	}

	@Test
	void theSqlThatCitusRunsHasNoPlpgsqlBlockWhoseDdlWouldNotReachTheShards() {
		String citus = this.tables + withSqlFiles(this.constraints);
		assertThat(SQL_FILE.matcher(citus).results().count()).isPositive();
		assertThat(PLPGSQL_BLOCK.matcher(citus).find()).as("a DO block in the Citus changelog or its SQL files").isFalse();
	}

	@Test
	void citusRunsEverySharedSqlFileThatPostgresqlRuns() {
		List<String> citus = SQL_FILE.matcher(read(DIRECTORY + "tables.xml") + this.constraints)
			.results()
			.map((file) -> file.group(1))
			.toList();
		List<String> postgres = SQL_FILE.matcher(read(POSTGRES_CHANGELOG)).results().map((file) -> file.group(1)).toList();
		assertThat(postgres).contains("db/workflow-storage/common/signals.sql",
				"db/workflow-storage/common/schema-versions-3-to-7.sql");
		assertThat(citus).containsAll(postgres);
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
