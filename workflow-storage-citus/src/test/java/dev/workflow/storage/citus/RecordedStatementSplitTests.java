package dev.workflow.storage.citus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.workflow.storage.testing.PostgresServer;
import dev.workflow.storage.testing.RecordedStatement;
import dev.workflow.storage.testing.StatementRecordingDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text of several statements that the driver sent in one round trip, as publishSignal sends its
 * lock and insert, splits into statements that each run on their own with their own parameters:
 * what {@link CitusRoutingTests} needs to {@code EXPLAIN} each. Checked on a real server, which
 * runs the text first, then every part.
 */
class RecordedStatementSplitTests {

	// A ; or ? in quotes, dollar quotes, quoted names and comments is neither a separator nor a
	// placeholder; ?? is the driver's escaped ? (the jsonb operator); an empty statement is dropped.
	private static final String TEXT = """
			SELECT ?::int AS a;;
			SELECT '?;' || ?::text || E'\\'?;' AS b, $tag$ ; ? $tag$ AS c, "we;ird?" FROM (SELECT 1 AS "we;ird?") t -- ? and ;
			;
			/* a ; and /* a nested ? */ */ SELECT ?::int + ?::int AS d, '{"a": 1}'::jsonb ?? 'a' AS e""";

	private static HikariDataSource database;

	@BeforeAll
	static void createDatabase() {
		database = PostgresServer.newDatabase("split");
	}

	@AfterAll
	static void closeDatabase() {
		database.close();
	}

	@Test
	void aTextOfStatementsSplitsIntoStatementsWithTheirOwnParameters() throws SQLException {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		try (Connection connection = recording.getConnection();
				PreparedStatement statement = connection.prepareStatement(TEXT)) {
			statement.setInt(1, 7);
			statement.setString(2, "x");
			statement.setInt(3, 2);
			statement.setInt(4, 3);
			statement.execute();
		}
		List<RecordedStatement> statements = recording.recordedStatements().get(0).statements();
		assertThat(statements).extracting((statement) -> statement.parameters().size()).containsExactly(1, 1, 2);
		assertThat(statements.get(2).sql()).startsWith("/* a ; and /* a nested ? */ */ SELECT");
		assertThat(statements.stream().map(RecordedStatementSplitTests::run).toList()).containsExactly(
				List.of("7"), List.of("?;x'?;", " ; ? ", "1"), List.of("5", "t"));
	}

	@Test
	void aSingleStatementIsItself() throws SQLException {
		StatementRecordingDataSource recording = new StatementRecordingDataSource(database);
		try (Connection connection = recording.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT ?::text || ';'")) {
			statement.setString(1, "a");
			statement.execute();
		}
		RecordedStatement recorded = recording.recordedStatements().get(0);
		assertThat(recorded.statements()).singleElement().satisfies((statement) -> {
			assertThat(statement.sql()).isEqualTo(recorded.sql());
			assertThat(statement.parameters()).isEqualTo(recorded.parameters());
		});
	}

	// The part run alone, with the parameters it took: its one row's columns as text.
	private static List<String> run(RecordedStatement statement) {
		try (Connection connection = database.getConnection();
				PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
			statement.bindTo(prepared);
			try (ResultSet row = prepared.executeQuery()) {
				assertThat(row.next()).isTrue();
				List<String> columns = new ArrayList<>();
				for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
					columns.add(row.getString(column));
				}
				return columns;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not run " + statement, ex);
		}
	}

}
