package io.spry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.time.Clock;
import io.spry.runtime.exchange.SpscRing;
import io.spry.runtime.exchange.Watermark;
import io.spry.runtime.operator.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a task tells an input that prefetches: every record once, in batches of the records it
 * delivers next, in order, never past a control event; and nothing when the input does not
 * prefetch.
 */
class StreamTaskletPrefetchTest {
  private final SpscRing ring = new SpscRing(256, "in");
  private final List<String> seen = new ArrayList<>();
  private final List<List<Object>> batches = new ArrayList<>();
  private boolean prefetching = true;

  private final StreamTasklet task =
      new StreamTasklet(
          "test",
          new OperatorChain(List.of(), List.of()),
          true,
          Clock.system(),
          List.of(ring),
          new int[] {1},
          new Output<>() {
            @Override
            public void collect(Object record, long timestamp) {
              seen.add("r" + record);
            }

            @Override
            public void emitWatermark(long watermark) {
              seen.add("w" + watermark);
            }

            @Override
            public boolean prefetches() {
              return prefetching;
            }

            @Override
            public void prefetch(Object[] records, int n) {
              batches.add(List.copyOf(Arrays.asList(records).subList(0, n)));
              seen.add("prefetch " + n);
            }
          },
          null,
          200);

  @Test
  void batchesCoverEveryRecordInOrderAndStopAtControlEvents() throws Exception {
    task.call(); // open
    List<Object> sent = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ring.offer(i, 0);
      sent.add(i);
    }
    ring.offer(new Watermark(5), 0);
    for (int i = 40; i < 45; i++) {
      ring.offer(i, 0);
      sent.add(i);
    }
    ring.publish();
    task.call();

    List<Object> prefetched = new ArrayList<>();
    batches.forEach(prefetched::addAll);
    assertThat(prefetched).isEqualTo(sent);
    assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 16));
    // each batch is announced just before its first record, and the watermark splits them
    List<String> expected = new ArrayList<>();
    int next = 0;
    for (List<Object> b : batches) {
      expected.add("prefetch " + b.size());
      for (Object r : b) {
        expected.add("r" + r);
      }
      next += b.size();
      if (next == 40) {
        expected.add("w5");
      }
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(seen.indexOf("w5")).isEqualTo(seen.indexOf("r39") + 1);
  }

  @Test
  void anInputThatDoesNotPrefetchIsNotAsked() throws Exception {
    prefetching = false;
    task.call();
    for (int i = 0; i < 20; i++) {
      ring.offer(i, 0);
    }
    ring.publish();
    task.call();
    assertThat(batches).isEmpty();
    assertThat(seen).hasSize(20).first().isEqualTo("r0");
  }
}
