package io.spry.runtime.operator.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceMapTest {

  /** Random puts and removes of slice starts (multiples of a width), checked against a HashMap. */
  @Test
  void behavesLikeAMap() {
    for (long seed = 1; seed <= 50; seed++) {
      Random rnd = new Random(seed);
      long width = 1 + rnd.nextInt(100);
      SliceMap slices = new SliceMap();
      Map<Long, Object> expected = new HashMap<>();
      for (int i = 0; i < 5000; i++) {
        long start = width * (rnd.nextInt(300) - 50);
        switch (rnd.nextInt(3)) {
          case 0 -> {
            Object acc = "v" + i;
            slices.put(start, acc);
            expected.put(start, acc);
          }
          case 1 -> assertThat(slices.remove(start)).isEqualTo(expected.remove(start) != null);
          default -> assertThat(slices.get(start)).isEqualTo(expected.get(start));
        }
        assertThat(slices.size()).isEqualTo(expected.size());
      }
      for (Map.Entry<Long, Object> e : expected.entrySet()) {
        assertThat(slices.get(e.getKey())).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void slicingArithmetic() {
    Slicing s = new Slicing(100, 30, 7); // slices of 10, windows start at 7 + 30k
    assertThat(s.width()).isEqualTo(10);
    assertThat(s.slicesPerWindow()).isEqualTo(10);
    assertThat(s.sliceStart(7)).isEqualTo(7);
    assertThat(s.sliceStart(6)).isEqualTo(-3);
    long slice = s.sliceStart(50); // [47, 57)
    long last = s.lastWindowStart(slice);
    assertThat(last).isEqualTo(37);
    assertThat(s.firstWindowStart(slice, last)).isEqualTo(-23); // [-23, 77) ends after 57
    assertThat(s.inAnyWindow(slice, last)).isTrue();

    Slicing gaps = new Slicing(20, 50, 0); // windows [0, 20), [50, 70): slices of 10
    assertThat(gaps.inAnyWindow(30, gaps.lastWindowStart(30))).isFalse();
    assertThat(gaps.inAnyWindow(10, gaps.lastWindowStart(10))).isTrue();
  }
}
