package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void startsAtTheEpochAndMovesOnlyWhenAdvanced() {
    ManualClock clock = new ManualClock();
    assertThat(clock.millis()).isZero();
    assertThat(clock.nanos()).isZero();

    assertThat(clock.advance(Duration.ofSeconds(2))).isEqualTo(2000);
    assertThat(clock.advanceMillis(5)).isEqualTo(2005);
    assertThat(clock.millis()).isEqualTo(2005);
    assertThat(clock.nanos()).isEqualTo(2_005_000_000L);
    assertThat(clock.instant()).isEqualTo(Instant.ofEpochMilli(2005));
  }

  @Test
  void subMillisecondStepsAddUp() {
    ManualClock clock = new ManualClock(100);
    clock.advance(Duration.ofNanos(600_000));
    assertThat(clock.millis()).isEqualTo(100);
    clock.advance(Duration.ofNanos(600_000));
    assertThat(clock.millis()).isEqualTo(101);
    assertThat(clock.nanos()).isEqualTo(1_200_000);
  }

  @Test
  void setMovesOnlyTheWallClockInEitherDirection() {
    ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
    clock.advanceMillis(10);
    clock.set(Instant.parse("2023-01-01T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2023-01-01T00:00:00Z"));
    assertThat(clock.nanos()).isEqualTo(10_000_000);
    clock.set(5L);
    assertThat(clock.millis()).isEqualTo(5);
  }

  @Test
  void rejectsGoingBackAndTimesItCannotHold() {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set(");
    assertThatThrownBy(() -> new ManualClock(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentAdvancesAreAllCounted() throws Exception {
    ManualClock clock = new ManualClock();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 10_000; i++) {
                  clock.advanceMillis(1);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(clock.millis()).isEqualTo(40_000);
    assertThat(clock.nanos()).isEqualTo(40_000_000_000L);
  }

  @Test
  void isSerializableWithItsReading() throws Exception {
    ManualClock clock = new ManualClock(42);
    clock.advance(Duration.ofNanos(7));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(clock);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ManualClock copy = (ManualClock) in.readObject();
      assertThat(copy.millis()).isEqualTo(42);
      assertThat(copy.nanos()).isEqualTo(7);
    }
  }
}
