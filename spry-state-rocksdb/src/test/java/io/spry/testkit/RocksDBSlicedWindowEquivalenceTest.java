package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.OutputTag;
import io.spry.api.tuple.Tuple2;
import io.spry.api.windowing.assigners.SlidingEventTimeWindows;
import io.spry.runtime.operator.window.SlicingWindowOperator;
import io.spry.runtime.operator.window.WindowOperator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SlicedWindowEquivalenceTest}'s cases with the sliced operator on the RocksDB backend and
 * the general one on the heap. RocksDB hands back copies of the slice maps, so the window passes
 * take their other path (each list entry's map is read, and asked which of the key's slices is its
 * first and its last in the window); out-of-order and late records are among the inputs.
 */
class RocksDBSlicedWindowEquivalenceTest {

  static Stream<SlicedWindowEquivalenceTest.Case> cases() {
    // windows of several slices, where a key is in several lists of one window
    return SlicedWindowEquivalenceTest.cases().stream()
        .filter(
            c -> c.assigner() instanceof SlidingEventTimeWindows w && w.getSize() > w.getSlide())
        .limit(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void slicedOnRocksDbGivesTheSameOutputAsGeneral(SlicedWindowEquivalenceTest.Case c) {
    List<SlicedWindowEquivalenceTest.Step> steps = SlicedWindowEquivalenceTest.input(c.seed());
    OutputTag<Tuple2<String, Integer>> late =
        new OutputTag<>("late", SlicedWindowEquivalenceTest.IN);
    var general =
        SlicedWindowEquivalenceTest.harness(new SlicedWindowEquivalenceTest().job(c), false);
    var sliced =
        SlicedWindowEquivalenceTest.harness(new SlicedWindowEquivalenceTest().job(c), true)
            .withStateBackend("rocksdb");
    assertThat(sliced.getOperator()).isInstanceOf(SlicingWindowOperator.class);

    List<List<String>> expected = SlicedWindowEquivalenceTest.run(general, steps);
    List<List<String>> actual = SlicedWindowEquivalenceTest.run(sliced, steps);

    assertThat(actual).isEqualTo(expected);
    assertThat(expected.stream().mapToInt(List::size).sum()).isPositive();
    assertThat(sliced.getSideOutputWithTimestamps(late))
        .isEqualTo(general.getSideOutputWithTimestamps(late));
    assertThat(sliced.getCounter(WindowOperator.LATE_RECORDS_DROPPED))
        .isEqualTo(general.getCounter(WindowOperator.LATE_RECORDS_DROPPED));
    SlicingWindowOperator<?, ?, ?> op = (SlicingWindowOperator<?, ?, ?>) sliced.getOperator();
    assertThat(op.numSlices()).as("slices").isZero();
    assertThat(op.numKeyLists()).as("key lists").isZero();
  }
}
