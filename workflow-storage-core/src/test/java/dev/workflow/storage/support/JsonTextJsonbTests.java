package dev.workflow.storage.support;

import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.workflow.storage.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JsonText#jsonb} against PostgreSQL itself: the memory store keeps {@code jsonb} columns
 * as this text, so it must be exactly what {@code jsonb} gives back, or the backends read
 * different strings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonTextJsonbTests {

	private static final String AS_JSONB = "SELECT CAST(CAST(? AS jsonb) AS text)";

	private final DataSource dataSource = EmbeddedPostgresServer.newDatabase("jsonb_text");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	static Stream<String> samples() {
		return Stream.of(
				// Key order: by length in bytes, then byte by byte; the last duplicate wins.
				"{\"b\":1,\"a\":[1,2]}", "{\"aa\":1,\"b\":2,\"a\":3,\"\":0}", "{\"B\":1,\"a\":2,\"_\":3,\"A\":4}",
				"{\"\u00e9\":1,\"z\":2,\"ab\":3,\"\u00e8\":4}", "{\"\uD83D\uDE00\":1,\"zzzz\":2,\"\u4e2d\":3,\"zzz\":4}",
				"{\"\uFFFD\":1,\"\u4e2d\":2,\"\uD800\uDC00\":3,\"\u0800\":4}", "{\"a\":1,\"a\":2}",
				"{\"a\":{\"x\":1},\"b\":0,\"a\":[3]}", "{\"o\":{\"z\":1,\"y\":{\"d\":1,\"c\":2,\"d\":3}}}",
				"{\"\\u0062\":1,\"a\":2,\"\\n\":3}",
				// Whitespace and nesting.
				" { \"a\" : [ 1 , { \"b\" : null } ] , \"c\" : true } ", "[[[]],{},[{}],{\"a\":{}}]", "{}", "[]",
				"{\"a\":[],\"b\":{}}",
				// Strings: unicode as is, escapes as jsonb writes them.
				"{\"s\":\"\u017elu\u0165ou\u010dk\u00fd k\u016f\u0148\"}", "\"\\u00e9\\u4e2d\"",
				"\"\\ud83d\\ude00 and \uD83D\uDE00\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
				"\"\\u0001\\u0002\\u001f\\u001F\\u0020\"", "\"\u007f\u0080\u2028\u2029\uFEFF\"", "\"tab\\tin\\u0009\"",
				"{\"k\\ney\":\"v\\u000bw\"}", "\"</script>\"", "\"'single'\"",
				// Numbers as numeric prints them.
				"1.0", "1e2", "1E2", "-0", "-0.0", "0.000", "1E-7", "1e-7", "12.30e1", "1.50e1", "1.23e5", "0.1e-2",
				"0e5", "0E-3", "1e-0", "-1.5E+3", "3.14159", "123456789012345678901234567890",
				"-98765432109876543210.0123456789", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
				"1e40", "1e400", "1.0E+2", "-1e-5", "1.0e-20", "[1, 1.0, 1.00, 100e-2, 0.01e2]", "{\"n\":[-0,0,-0.0,5e-1]}",
				// Top-level scalars.
				"true", "false", "null", "\"x\"", "\"\"", "42", " 7 ");
	}

	@ParameterizedTest
	@MethodSource("samples")
	void jsonbTextIsWhatPostgresGivesBack(String json) {
		assertThat(JsonText.jsonbValueProblem(json)).isNull();
		String postgres = this.jdbc.queryForObject(AS_JSONB, String.class, json);
		assertThat(JsonText.jsonb(json)).isEqualTo(postgres);
	}

}
