package io.spry.runtime.operator.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.types.MemoryDataInput;
import io.spry.api.types.MemoryDataOutput;
import io.spry.api.types.TypeSerializer;
import io.spry.api.types.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
      assertThat(Arrays.stream(slices.starts()).boxed().toList())
          .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }
  }

  /**
   * The removal of every slice before a start, against a TreeMap: random puts (many reach the
   * table), then random removals; and the newest slice is the last one made.
   */
  @Test
  void removalBeforeAStartAndTheNewestSlice() {
    for (long seed = 1; seed <= 200; seed++) {
      Random rnd = new Random(seed);
      long width = 1 + rnd.nextInt(50);
      SliceMap slices = new SliceMap();
      TreeMap<Long, Object> expected = new TreeMap<>();
      for (int round = 0; round < 20; round++) {
        int puts = rnd.nextInt(12);
        for (int i = 0; i < puts; i++) {
          long start = width * (rnd.nextInt(40) - 10);
          boolean made = !expected.containsKey(start);
          long newest = slices.newestStart();
          slices.put(start, "v" + i);
          expected.put(start, "v" + i);
          assertThat(slices.newestStart()).isEqualTo(made ? start : newest);
        }
        long end = width * (rnd.nextInt(44) - 12) + (rnd.nextBoolean() ? 0 : 1);
        var gone = expected.headMap(end, false);
        int n = gone.size();
        gone.clear();
        assertThat(slices.removeBefore(end)).isEqualTo(n);
        assertThat(slices.size()).isEqualTo(expected.size());
        assertThat(Arrays.stream(slices.starts()).boxed().toList())
            .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(slices.get(k)).isEqualTo(v));
      }
    }
  }

  /**
   * As records use it: slices mostly in time order, each updated many times, the oldest removed as
   * windows end, now and then a late one; checked against a TreeMap after every step, and through
   * the snapshot serializer and copy.
   */
  @Test
  void timeOrderedUseWithLateSlices() throws Exception {
    TypeSerializer<SliceMap> serializer = new SliceMap.Type(Types.STRING).createSerializer();
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      SliceMap slices = new SliceMap();
      TreeMap<Long, Object> expected = new TreeMap<>();
      long now = 0;
      for (int i = 0; i < 3000; i++) {
        now += rnd.nextInt(3) == 0 ? 10 : 0;
        long start = rnd.nextInt(20) == 0 ? now - 10 * rnd.nextInt(5) : now;
        if (rnd.nextInt(10) == 0 && !expected.isEmpty()) {
          long oldest = expected.firstKey();
          assertThat(slices.remove(oldest)).isTrue();
          expected.remove(oldest);
        } else {
          Object acc = "v" + i;
          assertThat(slices.get(start)).isEqualTo(expected.get(start));
          slices.put(start, acc);
          expected.put(start, acc);
        }
        assertThat(slices.size()).isEqualTo(expected.size());
        assertThat(slices.isEmpty()).isEqualTo(expected.isEmpty());
        for (long s = now - 60; s <= now; s += 10) {
          assertThat(slices.get(s)).isEqualTo(expected.get(s));
        }
        if (i % 500 == 0) {
          MemoryDataOutput out = new MemoryDataOutput(64);
          serializer.serialize(slices, out);
          SliceMap back = serializer.deserialize(new MemoryDataInput(out.toByteArray()));
          SliceMap copy = serializer.copy(slices);
          for (SliceMap m : List.of(back, copy)) {
            assertThat(m.size()).isEqualTo(expected.size());
            expected.forEach((k, v) -> assertThat(m.get(k)).isEqualTo(v));
          }
        }
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
