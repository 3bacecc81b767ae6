package io.spry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.benchmarks.WindowDriver.Mode;
import org.junit.jupiter.api.Test;

/** The benchmarked operators: sliced and general give the same results for the same input. */
class WindowDriverTest {

  static WindowDriver run(Mode mode) throws Exception {
    WindowDriver d = new WindowDriver(mode, 50, 10, 7);
    d.run(100_000);
    d.finish();
    return d;
  }

  @Test
  void slicedAndGeneralAgree() throws Exception {
    for (Mode[] pair :
        new Mode[][] {
          {Mode.TUMBLING, Mode.TUMBLING_GENERAL}, {Mode.SLIDING, Mode.SLIDING_GENERAL}
        }) {
      WindowDriver sliced = run(pair[0]);
      WindowDriver general = run(pair[1]);
      assertThat(sliced.isSliced()).isTrue();
      assertThat(general.isSliced()).isFalse();
      assertThat(sliced.results()).isEqualTo(general.results()).isPositive();
      assertThat(sliced.checksum()).isEqualTo(general.checksum());
      assertThat(sliced.stateEntriesPerKey()).isZero();
      assertThat(sliced.timersPerKey()).isZero();
    }
  }
}
