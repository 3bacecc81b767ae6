package io.spry.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpscRingTest {

  @Test
  void offerFailsWhenFullAndSucceedsAfterRelease() {
    SpscRing ring = new SpscRing(4, "test");
    assertThat(ring.capacity()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(ring.offer("r" + i, i)).isTrue();
    }
    assertThat(ring.offer("r4", 4)).isFalse();
    assertThat(ring.available()).isZero(); // nothing published yet
    ring.publish();
    assertThat(ring.available()).isEqualTo(4);
    assertThat(ring.item(0)).isEqualTo("r0");
    assertThat(ring.timestamp(3)).isEqualTo(3);
    ring.release(2);
    assertThat(ring.offer("r4", 4)).isTrue();
    ring.publish();
    assertThat(ring.available()).isEqualTo(3);
    assertThat(ring.item(2)).isEqualTo("r4");
  }

  /** A producer and a consumer thread: every item arrives once, in order, with its timestamp. */
  @Test
  void concurrentTransferKeepsOrder() throws Exception {
    SpscRing ring = new SpscRing(64, "stress");
    int n = 2_000_000;
    AtomicReference<Throwable> error = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              for (long i = 0; i < n; ) {
                if (ring.offer(i, i * 3)) {
                  i++;
                  if ((i & 7) == 0) {
                    ring.publish();
                  }
                } else {
                  ring.publish();
                  Thread.onSpinWait();
                }
              }
              ring.publish();
            });
    producer.start();
    long expected = 0;
    while (expected < n) {
      int avail = ring.available();
      for (int i = 0; i < avail; i++) {
        long v = (Long) ring.item(i);
        if (v != expected || ring.timestamp(i) != v * 3) {
          error.set(new AssertionError("expected " + expected + " got " + v));
        }
        expected++;
      }
      ring.release(avail);
    }
    producer.join();
    assertThat(error.get()).isNull();
    assertThat(ring.isEmpty()).isTrue();
  }
}
