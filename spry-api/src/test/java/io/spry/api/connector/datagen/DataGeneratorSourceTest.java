package io.spry.api.connector.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.source.Boundedness;
import io.spry.api.connector.source.InputStatus;
import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.testing.CollectingOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestReaderContext;
import io.spry.api.types.TypeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataGeneratorSourceTest {
  private final ManualClock clock = new ManualClock();

  private static DataGeneratorSource<String> strings(long count, double rate) {
    return new DataGeneratorSource<>(i -> "r" + i, count, rate, TypeInfo.of(String.class));
  }

  private static List<String> expected(long count) {
    return LongStream.range(0, count).mapToObj(i -> "r" + i).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void generatesEveryIndexOnce(int parallelism) throws Exception {
    try (var h = new SourceHarness<>(strings(2345, 0), parallelism, clock)) {
      assertThat(h.runToEnd(1000)).containsExactlyInAnyOrderElementsOf(expected(2345));
    }
  }

  @Test
  void eachSubtaskGeneratesOneContiguousAscendingBlock() throws Exception {
    try (var h =
        new SourceHarness<>(
            new DataGeneratorSource<>(i -> i, 10, TypeInfo.of(Long.class)), 3, clock)) {
      h.runToEnd(100);
      // Each reader asks once at start, so each gets one block, in request order.
      assertThat(h.output(0)).containsExactly(0L, 1L, 2L, 3L);
      assertThat(h.output(1)).containsExactly(4L, 5L, 6L);
      assertThat(h.output(2)).containsExactly(7L, 8L, 9L);
    }
  }

  @Test
  void countZeroEndsAtOnce() throws Exception {
    try (var h = new SourceHarness<>(strings(0, 0), 2, clock)) {
      assertThat(h.runToEnd(10)).isEmpty();
    }
  }

  @Test
  void boundednessFollowsTheCount() {
    assertThat(strings(10, 0).getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(strings(Long.MAX_VALUE - 1, 0).getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    assertThat(strings(Long.MAX_VALUE, 0).getBoundedness())
        .isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
  }

  @Test
  void unthrottledMeansZeroNegativeOrInfiniteRate() {
    assertThat(strings(1, 0).isUnthrottled()).isTrue();
    assertThat(strings(1, -3).isUnthrottled()).isTrue();
    assertThat(strings(1, Double.POSITIVE_INFINITY).isUnthrottled()).isTrue();
    assertThat(strings(1, 0.5).isUnthrottled()).isFalse();
  }

  @Test
  void unboundedSourceKeepsGoing() throws Exception {
    try (var h = new SourceHarness<>(strings(DataGeneratorSource.UNBOUNDED, 0), 2, clock)) {
      for (int i = 0; i < 20; i++) {
        h.step();
      }
      assertThat(h.allEnded()).isFalse();
      // Two readers, 1000 per poll (splits are answered before the first poll).
      assertThat(h.allOutput()).hasSize(2 * 20 * 1000).doesNotHaveDuplicates();
      assertThat(h.output(0).get(0)).isEqualTo("r0");
    }
  }

  @Test
  void splitsTheIndexSpaceIntoContiguousBlocks() {
    assertThat(DataGeneratorSource.split(10, 4))
        .containsExactly(
            new DataGeneratorSplit("0", 0, 3),
            new DataGeneratorSplit("1", 3, 6),
            new DataGeneratorSplit("2", 6, 8),
            new DataGeneratorSplit("3", 8, 10));
    assertThat(DataGeneratorSource.split(2, 5)).hasSize(2);
    List<DataGeneratorSplit> huge = DataGeneratorSource.split(Long.MAX_VALUE, 3);
    assertThat(huge.get(2).end()).isEqualTo(Long.MAX_VALUE);
    assertThat(huge.get(1).next()).isEqualTo(huge.get(0).end());
  }

  @Test
  void limitsTheRateWithoutSleeping() throws Exception {
    // 100 per second over 2 subtasks: 50 per second each.
    try (var h = new SourceHarness<>(strings(DataGeneratorSource.UNBOUNDED, 100), 2, clock)) {
      h.step(); // splits arrive; the first record of each reader is due at once
      assertThat(h.allOutput()).hasSize(2);
      h.step();
      assertThat(h.status(0)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
      assertThat(h.allOutput()).hasSize(2);

      clock.advance(Duration.ofMillis(19)); // under one record's interval (20 ms)
      h.step();
      assertThat(h.allOutput()).hasSize(2);

      clock.advance(Duration.ofMillis(1));
      h.step();
      assertThat(h.allOutput()).hasSize(4);

      for (int s = 0; s < 10; s++) {
        clock.advance(Duration.ofMillis(98));
        h.step();
        h.step();
      }
      // 1000 ms in all: floor(1000 * 50 / 1000) + 1 per subtask.
      assertThat(h.output(0)).hasSize(51);
      assertThat(h.output(1)).hasSize(51);
    }
  }

  @Test
  void rateAppliesOverManySmallSteps() throws Exception {
    SourceReader<String, DataGeneratorSplit> reader =
        strings(1_000_000, 7).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new DataGeneratorSplit("0", 0, 1_000_000)));
    CollectingOutput<String> out = new CollectingOutput<>();
    for (int i = 0; i < 10_000; i++) { // 10 s in 1 ms steps
      reader.pollNext(out);
      clock.advance(Duration.ofMillis(1));
    }
    reader.pollNext(out);
    assertThat(out.records).hasSize(7 * 10 + 1).containsExactlyElementsOf(expected(71));
  }

  @Test
  void aStalledReaderCatchesUpAtMostOneSecondsWorth() throws Exception {
    SourceReader<String, DataGeneratorSplit> reader =
        strings(1_000_000, 10).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new DataGeneratorSplit("0", 0, 1_000_000)));
    CollectingOutput<String> out = new CollectingOutput<>();
    reader.pollNext(out);
    assertThat(out.records).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    reader.pollNext(out);
    assertThat(out.records).hasSize(11);
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    clock.advance(Duration.ofMillis(100));
    reader.pollNext(out);
    assertThat(out.records).hasSize(12);
  }

  @Test
  void resumesFromASnapshotWithoutLossOrDuplicates() throws Exception {
    DataGeneratorSource<String> source = strings(2500, 0);
    SourceReader<String, DataGeneratorSplit> first =
        source.createReader(new TestReaderContext(0, 1, clock));
    first.start();
    first.addSplits(DataGeneratorSource.split(2500, 2));
    CollectingOutput<String> out = new CollectingOutput<>();
    first.pollNext(out);
    List<DataGeneratorSplit> snapshot = first.snapshotState(3);
    assertThat(snapshot)
        .containsExactly(
            new DataGeneratorSplit("0", 1000, 1250), new DataGeneratorSplit("1", 1250, 2500));

    SourceReader<String, DataGeneratorSplit> second =
        source.createReader(new TestReaderContext(0, 1, clock));
    second.start();
    second.addSplits(snapshot);
    second.notifyNoMoreSplits();
    List<String> all = new ArrayList<>(out.records);
    CollectingOutput<String> rest = new CollectingOutput<>();
    while (second.pollNext(rest) != InputStatus.END_OF_INPUT) {}
    all.addAll(rest.records);
    assertThat(all).containsExactlyElementsOf(expected(2500));
  }

  @Test
  void aFailingGeneratorFailsThePollAndKeepsItsPosition() throws Exception {
    DataGeneratorSource<Long> source =
        new DataGeneratorSource<>(
            i -> {
              if (i == 5) {
                throw new IllegalStateException("bad index 5");
              }
              return i;
            },
            10,
            TypeInfo.of(Long.class));
    SourceReader<Long, DataGeneratorSplit> reader =
        source.createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new DataGeneratorSplit("0", 0, 10)));
    CollectingOutput<Long> out = new CollectingOutput<>();
    assertThatThrownBy(() -> reader.pollNext(out)).hasMessage("bad index 5");
    assertThat(out.records).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(reader.snapshotState(1)).containsExactly(new DataGeneratorSplit("0", 5, 10));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> strings(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count");
    assertThatThrownBy(() -> strings(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DataGeneratorSplit("0", 5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
