package io.spry.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordWriterTest {

  private static List<Object> drain(SpscRing ring) {
    List<Object> out = new ArrayList<>();
    int n = ring.available();
    for (int i = 0; i < n; i++) {
      out.add(ring.item(i));
    }
    ring.release(n);
    return out;
  }

  /** With a two-slot ring, overflow keeps order and flush reports pending records. */
  @Test
  void overflowKeepsOrderUntilTheConsumerCatchesUp() throws Exception {
    SpscRing ring = new SpscRing(2, "tiny");
    RecordWriter w = new RecordWriter("w", new SpscRing[] {ring}, r -> 0);
    for (int i = 0; i < 10; i++) {
      w.emit(i, i);
    }
    w.broadcastEvent(EndOfInput.INSTANCE);
    List<Object> got = new ArrayList<>();
    int rounds = 0;
    while (!w.flush() || !ring.isEmpty()) {
      got.addAll(drain(ring));
      rounds++;
    }
    got.addAll(drain(ring));
    assertThat(ring.capacity()).isEqualTo(2);
    assertThat(rounds).isGreaterThanOrEqualTo(5);
    assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, EndOfInput.INSTANCE);
  }

  @Test
  void broadcastSelectorWritesToEveryChannel() throws Exception {
    SpscRing a = new SpscRing(8, "a");
    SpscRing b = new SpscRing(8, "b");
    RecordWriter w =
        new RecordWriter(
            "w",
            new SpscRing[] {a, b},
            ChannelSelectors.create(
                io.spry.api.graph.Partitioning.of(io.spry.api.graph.Partitioning.Kind.BROADCAST),
                2,
                128,
                0));
    w.emit("x", 1);
    assertThat(w.flush()).isTrue();
    assertThat(drain(a)).containsExactly("x");
    assertThat(drain(b)).containsExactly("x");
  }
}
