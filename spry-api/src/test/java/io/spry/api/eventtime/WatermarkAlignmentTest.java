package io.spry.api.eventtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Building watermark alignment: what a strategy keeps, and the mistakes it refuses. */
class WatermarkAlignmentTest {

  @Test
  void theAlignmentSurvivesTheOtherSettingsInAnyOrder() {
    WatermarkStrategy<String> s =
        WatermarkStrategy.<String>forBoundedOutOfOrderness(Duration.ofSeconds(1))
            .withWatermarkAlignment("orders", Duration.ofSeconds(20))
            .withTimestampAssigner((e, ts) -> 7L)
            .withIdleness(Duration.ofMinutes(1));
    assertThat(s.getAlignment())
        .isEqualTo(
            new WatermarkAlignment(
                "orders", Duration.ofSeconds(20), WatermarkAlignment.DEFAULT_UPDATE_INTERVAL));
    assertThat(s.getIdleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.getTimestampAssigner().extractTimestamp("x", 0)).isEqualTo(7L);
    assertThat(WatermarkStrategy.forMonotonousTimestamps().getAlignment()).isNull();
  }

  @Test
  void mistakesFailWithWhatToDo() {
    WatermarkStrategy<String> w = WatermarkStrategy.forMonotonousTimestamps();
    assertThatThrownBy(() -> w.withWatermarkAlignment(" ", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> w.withWatermarkAlignment("g", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "maximum watermark drift of alignment group 'g' must be at least 1 ms");
    assertThatThrownBy(() -> w.withWatermarkAlignment("g", Duration.ofNanos(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 ms");
    assertThat(
            new WatermarkAlignment("g", Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(1))
                .maxDriftMillis())
        .isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(
            () -> w.withWatermarkAlignment("g", Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("update interval");
    assertThatThrownBy(
            () ->
                WatermarkStrategy.<String>noWatermarks()
                    .withWatermarkAlignment("g", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to align");
  }
}
