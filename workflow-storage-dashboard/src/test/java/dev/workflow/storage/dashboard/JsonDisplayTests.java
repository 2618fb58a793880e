package dev.workflow.storage.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored JSON indented for reading, exactly as written otherwise: numbers keep their digits,
 * Python's non-finite numbers stay, and text that is not one JSON value is not indented.
 */
class JsonDisplayTests {

	@Test
	void whenTheTextIsAJsonObjectShouldIndentItByTwoSpaces() {
		assertThat(JsonDisplay.pretty("{\"a\":[1,{\"b\":null}],\"c\":\"<x>\"}"))
			.isEqualTo("{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"<x>\"\n}");
	}

	@Test
	void whenValuesAreEmptyShouldWriteThemAsPythonDoes() {
		assertThat(JsonDisplay.pretty("[ ]")).isEqualTo("[]");
		assertThat(JsonDisplay.pretty("{\"a\":{},\"b\":[]}")).isEqualTo("{\n  \"a\": {},\n  \"b\": []\n}");
	}

	@Test
	void whenNumbersAreLongOrPreciseShouldKeepTheirDigits() {
		assertThat(JsonDisplay.pretty("[12345678901234567890123, 0.10000000000000000000001, 1e400]"))
			.isEqualTo("[\n  12345678901234567890123,\n  0.10000000000000000000001,\n  1e400\n]");
	}

	@Test
	void whenPythonWroteNonFiniteNumbersShouldKeepThem() {
		assertThat(JsonDisplay.pretty("{\"x\": NaN, \"y\": -Infinity}")).contains("NaN").contains("-Infinity");
	}

	@Test
	void whenTheTextIsNotOneJsonValueShouldNotIndentIt() {
		assertThat(JsonDisplay.pretty("not json")).isNull();
		assertThat(JsonDisplay.pretty("{\"a\": 1} {\"b\": 2}")).isNull();
		assertThat(JsonDisplay.pretty("{\"a\": ")).isNull();
		assertThat(JsonDisplay.pretty("")).isNull();
	}

	@Test
	void whenTheValueIsHugeShouldShowItsBeginningWithoutSplittingACharacter() {
		String text = "a".repeat(ShownValue.MAX_SHOWN_CHARACTERS - 1) + "\uD83D\uDE00" + "b";
		ShownValue shown = ShownValue.text(text, "/raw");
		assertThat(shown.truncated()).isTrue();
		assertThat(shown.text()).hasSize(ShownValue.MAX_SHOWN_CHARACTERS - 1);
		assertThat(shown.length()).isEqualTo(text.length());
		assertThat(ShownValue.text("short", "/raw").truncated()).isFalse();
	}

}
