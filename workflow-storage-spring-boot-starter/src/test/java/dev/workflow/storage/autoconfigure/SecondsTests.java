package dev.workflow.storage.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecondsTests {

	@Test
	void whenTextIsAPythonFloatShouldReadSeconds() {
		assertThat(Seconds.valueOf(" 60.0 ").toDuration()).isEqualTo(Duration.ofSeconds(60));
		assertThat(Seconds.valueOf(".25").toDuration()).isEqualTo(Duration.ofMillis(250));
		assertThat(Seconds.valueOf("1.").toDuration()).isEqualTo(Duration.ofSeconds(1));
		assertThat(Seconds.valueOf("1.5e1").toDuration()).isEqualTo(Duration.ofSeconds(15));
	}

	@Test
	void whenTextIsNotADurationShouldSayHowToWriteOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Seconds.valueOf("inf"))
			.withMessage("'inf' is not a duration: write seconds (3, 60.0, 0.5) or a number with a unit "
					+ "(500ms, 60s, 2m)");
		assertThatIllegalArgumentException().isThrownBy(() -> Seconds.valueOf("1e30"));
	}

	@Test
	void toStringShouldShowSeconds() {
		assertThat(Seconds.valueOf("500ms")).hasToString("0.5s");
		assertThat(Seconds.valueOf("PT2M")).hasToString("120s");
	}

	@Test
	void wholeSecondsShouldRoundUpAndBeAtLeastOne() {
		assertThat(Seconds.valueOf("0.001").toWholeSecondsAtLeastOne()).isEqualTo(1);
		assertThat(Seconds.valueOf("59.1").toWholeSecondsAtLeastOne()).isEqualTo(60);
		assertThat(Seconds.valueOf("60").toWholeSecondsAtLeastOne()).isEqualTo(60);
	}

}
