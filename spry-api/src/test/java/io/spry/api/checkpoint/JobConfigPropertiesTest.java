package io.spry.api.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.JobConfig;
import io.spry.api.time.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The system properties through which {@code spry run} configures the jobs a {@code main} starts,
 * and the text forms of durations and restart strategies they use.
 */
class JobConfigPropertiesTest {
  private static final List<String> PROPERTIES =
      List.of(
          JobConfig.CHECKPOINT_INTERVAL_PROPERTY,
          JobConfig.CHECKPOINT_DIR_PROPERTY,
          JobConfig.RESTORE_FROM_PROPERTY,
          JobConfig.ALLOW_NON_RESTORED_STATE_PROPERTY,
          JobConfig.RESTART_PROPERTY);
  private final Map<String, String> saved = new HashMap<>();

  private void set(String property, String value) {
    if (!saved.containsKey(property)) {
      saved.put(property, System.getProperty(property));
    }
    System.setProperty(property, value);
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  @Test
  void withoutPropertiesNothingChanges() {
    PROPERTIES.forEach(p -> assertThat(System.getProperty(p)).as(p).isNull());
    JobConfig c = new JobConfig();
    assertThat(c.getCheckpointConfig().isEnabled()).isFalse();
    assertThat(c.getCheckpointConfig().getStorage()).isNull();
    assertThat(c.getRestoreFrom()).isNull();
    assertThat(c.isAllowNonRestoredState()).isFalse();
    assertThat(c.getRestartStrategy()).isEqualTo(RestartStrategy.none());
  }

  @Test
  void thePropertiesBecomeTheDefaultsOfNewConfigsAndTheJobStillWins() {
    set(JobConfig.CHECKPOINT_INTERVAL_PROPERTY, "500ms");
    set(JobConfig.CHECKPOINT_DIR_PROPERTY, "/data/ckpt");
    set(JobConfig.RESTORE_FROM_PROPERTY, "/data/ckpt/savepoint-1");
    set(JobConfig.ALLOW_NON_RESTORED_STATE_PROPERTY, "true");
    set(JobConfig.RESTART_PROPERTY, "fixed:3:2s");
    JobConfig c = new JobConfig();
    assertThat(c.getCheckpointConfig().getInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.getCheckpointConfig().getStorage()).isEqualTo("/data/ckpt");
    assertThat(c.getRestoreFrom()).isEqualTo("/data/ckpt/savepoint-1");
    assertThat(c.isAllowNonRestoredState()).isTrue();
    assertThat(c.getRestartStrategy())
        .isEqualTo(RestartStrategy.fixedDelay(3, Duration.ofSeconds(2)));

    // a copy is the same config, whatever the properties say by then
    System.clearProperty(JobConfig.CHECKPOINT_INTERVAL_PROPERTY);
    set(JobConfig.RESTART_PROPERTY, "not a strategy");
    JobConfig copy = c.copy();
    assertThat(copy.getCheckpointConfig().getInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(copy.getRestartStrategy()).isEqualTo(c.getRestartStrategy());

    c.getCheckpointConfig().setInterval(Duration.ofSeconds(5));
    assertThat(c.getCheckpointConfig().getInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aBadValueFailsNamingTheProperty() {
    set(JobConfig.CHECKPOINT_INTERVAL_PROPERTY, "soon");
    assertThatThrownBy(JobConfig::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "System property spry.checkpoint.interval must be a duration like 500ms, 2s or 1m,"
                + " was 'soon'");
    set(JobConfig.CHECKPOINT_INTERVAL_PROPERTY, "5ms");
    assertThatThrownBy(JobConfig::new)
        .hasMessage("System property spry.checkpoint.interval must be at least 10ms, was '5ms'");
    System.clearProperty(JobConfig.CHECKPOINT_INTERVAL_PROPERTY);

    set(JobConfig.ALLOW_NON_RESTORED_STATE_PROPERTY, "yes");
    assertThatThrownBy(JobConfig::new)
        .hasMessage(
            "System property spry.restore.allow-non-restored-state must be true or false, was"
                + " 'yes'");
    System.clearProperty(JobConfig.ALLOW_NON_RESTORED_STATE_PROPERTY);

    set(JobConfig.RESTART_PROPERTY, "fixed:3");
    assertThatThrownBy(JobConfig::new)
        .hasMessageStartingWith(
            "System property spry.restart must be none, fixed:<attempts>:<delay>")
        .hasMessageEndingWith("was 'fixed:3'");
  }

  /** One rule, wherever the interval is given: in code, a system property or a CLI option. */
  @Test
  void theCheckpointIntervalIsAtLeastTenMillisecondsEverywhere() {
    assertThat(CheckpointConfig.parseInterval("10ms")).isEqualTo(CheckpointConfig.MIN_INTERVAL);
    assertThatThrownBy(() -> CheckpointConfig.parseInterval("9ms"))
        .hasMessage("must be at least 10ms, was '9ms'");
    assertThat(new CheckpointConfig().setInterval(Duration.ofMillis(10)).getInterval())
        .isEqualTo(Duration.ofMillis(10));
    assertThatThrownBy(() -> new CheckpointConfig().setInterval(Duration.ofMillis(9)))
        .hasMessage("The checkpoint interval must be at least 10 ms, was 9 ms");
  }

  @Test
  void durationsNeedAUnit() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("3min")).isEqualTo(Duration.ofMinutes(3));
    assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> Durations.parse("500"))
        .hasMessage(
            "must be a duration like 500ms, 2s or 1m, was '500' (give a unit: ms, s, m, h or d)");
    assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("was '-1s'");
    assertThatThrownBy(() -> Durations.parsePositive("0s"))
        .hasMessage("must be positive, was '0s'");
    assertThatThrownBy(() -> Durations.parse("99999999999999999999s"))
        .hasMessageContaining("too large");
    for (String s : List.of("250ms", "1500ms", "2s", "90s", "1m", "2h", "1d", "0s")) {
      assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
    }
  }

  @Test
  void restartStrategiesAsText() {
    assertThat(RestartStrategy.parse("none")).isEqualTo(RestartStrategy.none());
    assertThat(RestartStrategy.parse("fixed:3:1s"))
        .isEqualTo(RestartStrategy.fixedDelay(3, Duration.ofSeconds(1)));
    assertThat(RestartStrategy.parse("exponential:100ms:1m"))
        .isEqualTo(
            RestartStrategy.exponentialDelay(
                Duration.ofMillis(100),
                Duration.ofMinutes(1),
                2.0,
                Duration.ofHours(1),
                Integer.MAX_VALUE));
    assertThat(RestartStrategy.parse("exponential:1s:10s:5"))
        .isEqualTo(
            RestartStrategy.exponentialDelay(
                Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, Duration.ofHours(1), 5));
    assertThat(RestartStrategy.parse("failure-rate:3:5m:1s"))
        .isEqualTo(RestartStrategy.failureRate(3, Duration.ofMinutes(5), Duration.ofSeconds(1)));

    assertThatThrownBy(() -> RestartStrategy.parse("fixed:three:1s"))
        .hasMessage(
            "is not a usable restart strategy: 'fixed:three:1s': attempts must be a whole number"
                + " >= 0, was 'three'");
    assertThatThrownBy(() -> RestartStrategy.parse("fixed:3:1"))
        .hasMessageContaining("delay must be a duration like 500ms");
    assertThatThrownBy(() -> RestartStrategy.parse("exponential:1m:1s"))
        .hasMessageContaining("the maximum delay 1s is shorter than the initial one 1m");
    assertThatThrownBy(() -> RestartStrategy.parse("failure-rate:0:1m:1s"))
        .hasMessageContaining("max failures must be at least 1");
    assertThatThrownBy(() -> RestartStrategy.parse("always"))
        .hasMessageStartingWith("must be none, fixed:<attempts>:<delay>");
  }
}
