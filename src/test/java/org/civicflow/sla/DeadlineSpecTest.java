package org.civicflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeadlineSpecTest {

    @Test
    void workingDaysAreWrittenAsNwd() {
        assertThat(DeadlineSpec.parse("3wd")).isEqualTo(DeadlineSpec.ofWorkingDays(3));
        assertThat(DeadlineSpec.parse(" 15wd ")).isEqualTo(DeadlineSpec.ofWorkingDays(15));
        assertThat(DeadlineSpec.parse("7WD").workingDays()).isEqualTo(7);
        assertThat(DeadlineSpec.parse("3wd").isWorkingDays()).isTrue();
    }

    @Test
    void clockTimeIsAnIsoDuration() {
        assertThat(DeadlineSpec.parse("PT24H")).isEqualTo(DeadlineSpec.ofClockTime(Duration.ofHours(24)));
        assertThat(DeadlineSpec.parse("PT1H").clockTime()).isEqualTo(Duration.ofHours(1));
        assertThat(DeadlineSpec.parse("PT90M").clockTime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(DeadlineSpec.parse("PT2H").isWorkingDays()).isFalse();
    }

    @Test
    void aSpecReadsBackAsItIsWritten() {
        assertThat(DeadlineSpec.parse("3wd")).hasToString("3wd");
        assertThat(DeadlineSpec.parse("PT24H")).hasToString("PT24H");
        assertThat(DeadlineSpec.parse(DeadlineSpec.parse("PT2H").toString())).isEqualTo(DeadlineSpec.ofClockTime(Duration.ofHours(2)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "3", "3d", "3 wd", "wd", "0wd", "-3wd", "3.5wd", "PT0S", "-PT1H", "P1M", "24h", "tomorrow"})
    void anythingElseIsRejectedWithTheAcceptedForms(String spec) {
        assertThatThrownBy(() -> DeadlineSpec.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + spec + "' is not a deadline")
                .hasMessageContaining("Nwd")
                .hasMessageContaining("PT24H");
    }

    @Test
    void aSpecIsEitherWorkingDaysOrClockTimeNeverBoth() {
        assertThatThrownBy(() -> new DeadlineSpec(3, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeadlineSpec(0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
