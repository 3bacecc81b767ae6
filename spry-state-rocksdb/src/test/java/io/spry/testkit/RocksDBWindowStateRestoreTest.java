package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WindowStateRestoreTest}'s window operators (tumbling, sliced sliding, session, evicting,
 * count-trigger with per-window state, global) on the RocksDB backend, snapshotted mid-stream and
 * restored into RocksDB and into the heap at other parallelisms: the output equals the independent
 * computation.
 */
class RocksDBWindowStateRestoreTest {

  static Stream<WindowStateRestoreTest.Scenario> scenarios() {
    return WindowStateRestoreTest.scenarios();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void windowStateMovesBetweenBackendsAndParallelisms(WindowStateRestoreTest.Scenario s) {
    List<WindowStateRestoreTest.Input> inputs = WindowStateRestoreTest.inputs(s.name().hashCode());
    List<String> expected =
        new ArrayList<>(s.expected().apply(WindowStateRestoreTest.events(inputs)));
    expected.sort(null);
    int third = inputs.size() / 3;
    assertThat(
            WindowStateRestoreTest.run(
                s, inputs, new int[0], new int[] {1}, new String[] {"rocksdb"}))
        .isEqualTo(expected);
    assertThat(
            WindowStateRestoreTest.run(
                s,
                inputs,
                new int[] {third, 2 * third},
                new int[] {2, 3, 1},
                new String[] {"rocksdb", "heap", "rocksdb"}))
        .isEqualTo(expected);
  }
}
