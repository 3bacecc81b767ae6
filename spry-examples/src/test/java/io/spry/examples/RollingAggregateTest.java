package io.spry.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.StreamEnvironment;
import io.spry.examples.RollingAggregate.SensorStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RollingAggregateTest {

  @SuppressWarnings("unchecked")
  static List<SensorStats> run(ExampleArgs args) {
    StreamEnvironment env = Examples.environment(args);
    return ((DataStream<SensorStats>) new RollingAggregate().build(env, args))
        .executeAndCollect(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({"1, 10000, 7, 100", "3, 10000, 7, 100", "2, 5, 7, 1", "2, 12345, 1, 1000"})
  void endsWithTheStatisticsOfEachSensor(int parallelism, long events, int sensors, long every) {
    List<SensorStats> out =
        run(
            ExampleArgs.empty()
                .with(ExampleArgs.PARALLELISM, Integer.toString(parallelism))
                .with(RollingAggregate.EVENTS, Long.toString(events))
                .with(RollingAggregate.SENSORS, Integer.toString(sensors))
                .with(RollingAggregate.REPORT_EVERY, Long.toString(every)));

    // computed directly from the generator, one reading at a time
    Map<Integer, long[]> expected = new HashMap<>(); // count, sum, min, max
    RollingAggregate.ReadingGenerator gen = new RollingAggregate.ReadingGenerator(sensors);
    for (long i = 0; i < events; i++) {
      RollingAggregate.Reading r = gen.map(i);
      assertThat(r.value()).isBetween(0, 999);
      long[] s = expected.computeIfAbsent(r.sensor(), k -> new long[] {0, 0, 1000, -1});
      s[0]++;
      s[1] += r.value();
      s[2] = Math.min(s[2], r.value());
      s[3] = Math.max(s[3], r.value());
    }

    Map<Integer, SensorStats> last = new HashMap<>();
    for (SensorStats s : out) {
      long total = expected.get(s.sensor())[0];
      assertThat(s.count() % every == 0 || s.count() == total)
          .as("reported at a multiple of %d or at the end: %s", every, s)
          .isTrue();
      SensorStats before = last.put(s.sensor(), s);
      if (before != null) {
        assertThat(s.count()).isGreaterThan(before.count());
      }
    }
    assertThat(last.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (sensor, s) -> {
          SensorStats got = last.get(sensor);
          assertThat(new long[] {got.count(), got.sum(), got.min(), got.max()})
              .as("sensor %d", sensor)
              .containsExactly(s);
        });
    long reports =
        expected.values().stream().mapToLong(s -> s[0] / every + (s[0] % every == 0 ? 0 : 1)).sum();
    assertThat(out).hasSize((int) reports);
  }

  @Test
  void theDataIsAPureFunctionOfTheIndex() {
    RollingAggregate.ReadingGenerator a = new RollingAggregate.ReadingGenerator(5);
    RollingAggregate.ReadingGenerator b = new RollingAggregate.ReadingGenerator(5);
    for (long i = 0; i < 1000; i++) {
      assertThat(a.map(i)).isEqualTo(b.map(i));
      assertThat(a.map(i).sensor()).isEqualTo((int) (i % 5));
    }
  }

  @Test
  void rejectsBadOptions() {
    RollingAggregate ex = new RollingAggregate();
    StreamEnvironment env = StreamEnvironment.create();
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("sensors", "0")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--sensors");
    assertThatThrownBy(() -> ex.build(env, ExampleArgs.empty().with("events", "lots")))
        .isInstanceOf(ExampleUsageException.class)
        .hasMessageContaining("--events must be an integer");
  }

  @Test
  void readingsOfSplitsTheEventsOverTheSensors() {
    long sum = 0;
    for (int s = 0; s < 7; s++) {
      sum += RollingAggregate.readingsOf(s, 100, 7);
    }
    assertThat(sum).isEqualTo(100);
    assertThat(RollingAggregate.readingsOf(0, 100, 7)).isEqualTo(15);
    assertThat(RollingAggregate.readingsOf(6, 100, 7)).isEqualTo(14);
  }
}
