package io.spry.api.connector.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.connector.source.SourceReader;
import io.spry.api.connector.testing.CollectingOutput;
import io.spry.api.connector.testing.ManualClock;
import io.spry.api.connector.testing.SourceHarness;
import io.spry.api.connector.testing.TestReaderContext;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberSequenceSourceTest {
  private final ManualClock clock = new ManualClock();

  private List<Long> run(long from, long to, int parallelism) throws Exception {
    try (var h = new SourceHarness<>(new NumberSequenceSource(from, to), parallelism, clock)) {
      return h.runToEnd(10_000);
    }
  }

  private static List<Long> expected(long from, long to) {
    List<Long> all = new ArrayList<>();
    for (long v = from; ; v++) {
      all.add(v);
      if (v == to) {
        return all;
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1, 10, 1",
    "1, 10, 4",
    "1, 3, 8",
    "7, 7, 1",
    "7, 7, 3",
    "-5, 5, 2",
    "-3000, -1, 3",
    "0, 4321, 5",
    "9223372036854775800, 9223372036854775807, 3",
    "-9223372036854775808, -9223372036854775800, 2"
  })
  void emitsEveryNumberOnce(long from, long to, int parallelism) throws Exception {
    assertThat(run(from, to, parallelism)).containsExactlyInAnyOrderElementsOf(expected(from, to));
  }

  @Test
  void eachSubtaskEmitsAscendingContiguousRuns() throws Exception {
    try (var h = new SourceHarness<>(new NumberSequenceSource(0, 9999), 4, clock)) {
      h.runToEnd(1000);
      for (int i = 0; i < 4; i++) {
        List<Long> out = h.output(i);
        assertThat(out).isSorted();
      }
      assertThat(h.allOutput())
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 10_000).boxed().toList());
    }
  }

  @Test
  void splitsCoverTheRangeContiguously() {
    List<NumberSequenceSplit> splits = NumberSequenceSource.split(-10, 10, 4);
    assertThat(splits)
        .extracting(NumberSequenceSplit::next, NumberSequenceSplit::last)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(-10L, -6L),
            org.assertj.core.groups.Tuple.tuple(-5L, -1L),
            org.assertj.core.groups.Tuple.tuple(0L, 4L),
            org.assertj.core.groups.Tuple.tuple(5L, 10L));
    assertThat(splits).extracting(NumberSequenceSplit::splitId).doesNotHaveDuplicates();
  }

  @Test
  void splitsTheWholeLongRangeWithoutOverflow() {
    for (int n : new int[] {1, 2, 3, 7, 64}) {
      List<NumberSequenceSplit> splits =
          NumberSequenceSource.split(Long.MIN_VALUE, Long.MAX_VALUE, n);
      assertThat(splits).hasSize(n);
      assertThat(splits.get(0).next()).isEqualTo(Long.MIN_VALUE);
      assertThat(splits.get(n - 1).last()).isEqualTo(Long.MAX_VALUE);
      BigInteger total = BigInteger.ZERO;
      for (int i = 0; i < n; i++) {
        NumberSequenceSplit s = splits.get(i);
        total =
            total.add(
                BigInteger.valueOf(s.last())
                    .subtract(BigInteger.valueOf(s.next()))
                    .add(BigInteger.ONE));
        if (i > 0) {
          assertThat(s.next()).isEqualTo(splits.get(i - 1).last() + 1);
        }
      }
      assertThat(total).isEqualTo(BigInteger.TWO.pow(64));
    }
  }

  @Test
  void neverCutsMoreSplitsThanNumbers() {
    assertThat(NumberSequenceSource.split(5, 6, 10)).hasSize(2);
    assertThat(NumberSequenceSource.split(5, 5, 10)).hasSize(1);
  }

  @Test
  void readerStopsAtLongMaxValue() throws Exception {
    SourceReader<Long, NumberSequenceSplit> reader =
        new NumberSequenceSource(0, 1).createReader(new TestReaderContext(0, 1, clock));
    reader.start();
    reader.addSplits(List.of(new NumberSequenceSplit("x", Long.MAX_VALUE - 2, Long.MAX_VALUE)));
    reader.notifyNoMoreSplits();
    assertThat(CollectionSourceTest.drain(reader))
        .containsExactly(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1, Long.MAX_VALUE);
  }

  @Test
  void resumesFromASnapshotWithoutLossOrDuplicates() throws Exception {
    NumberSequenceSource source = new NumberSequenceSource(1, 5000);
    SourceReader<Long, NumberSequenceSplit> first =
        source.createReader(new TestReaderContext(0, 1, clock));
    first.start();
    first.addSplits(NumberSequenceSource.split(1, 5000, 2));
    CollectingOutput<Long> out = new CollectingOutput<>();
    first.pollNext(out);
    List<NumberSequenceSplit> snapshot = first.snapshotState(1);
    assertThat(snapshot)
        .containsExactly(
            new NumberSequenceSplit("0", 1001, 2500), new NumberSequenceSplit("1", 2501, 5000));

    SourceReader<Long, NumberSequenceSplit> second =
        source.createReader(new TestReaderContext(0, 1, clock));
    second.start();
    second.addSplits(snapshot);
    second.notifyNoMoreSplits();
    List<Long> all = new ArrayList<>(out.records);
    all.addAll(CollectionSourceTest.drain(second));
    assertThat(all).containsExactlyElementsOf(expected(1, 5000));
  }

  @Test
  void rejectsAnEmptyRange() {
    assertThatThrownBy(() -> new NumberSequenceSource(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from (2)");
    assertThatThrownBy(() -> new NumberSequenceSplit("0", 3, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
