package io.spry.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.time.Clock;
import io.spry.runtime.exchange.SpscRing;
import io.spry.runtime.exchange.Watermark;
import io.spry.runtime.exchange.WatermarkStatus;
import io.spry.runtime.operator.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a task combines its channels' watermarks and idleness, event by event. */
class StreamTaskletWatermarkTest {
  private final SpscRing a = new SpscRing(16, "a");
  private final SpscRing b = new SpscRing(16, "b");
  private final List<String> seen = new ArrayList<>();
  private final StreamTasklet task =
      new StreamTasklet(
          "test",
          new OperatorChain(List.of(), List.of()),
          true,
          Clock.system(),
          List.of(a, b),
          new int[] {1, 1},
          new Output<>() {
            @Override
            public void collect(Object record, long timestamp) {}

            @Override
            public void emitWatermark(long watermark) {
              seen.add("w" + watermark);
            }

            @Override
            public void emitWatermarkStatus(boolean idle) {
              seen.add(idle ? "IDLE" : "ACTIVE");
            }
          },
          null,
          64);

  private void send(SpscRing ring, Object event) throws Exception {
    ring.offer(event, 0);
    ring.publish();
    task.call();
  }

  @Test
  void minimumOverActiveChannelsAndAReturningChannelRejoinsOnceCaughtUp() throws Exception {
    task.call(); // open
    send(a, new Watermark(10));
    send(b, new Watermark(10));
    send(b, WatermarkStatus.IDLE);
    send(a, new Watermark(50)); // b is idle: a alone decides
    send(b, new Watermark(20)); // b is back, but behind 50: it stays out of the minimum
    send(a, new Watermark(60));
    send(b, new Watermark(70)); // b caught up: it rejoins
    send(a, new Watermark(80));
    assertThat(seen).containsExactly("w10", "w50", "w60", "w70");
  }

  @Test
  void theTaskIsIdleWhenAllItsLiveChannelsAre() throws Exception {
    task.call();
    send(a, WatermarkStatus.IDLE);
    send(b, WatermarkStatus.IDLE);
    send(a, WatermarkStatus.ACTIVE);
    assertThat(seen).containsExactly("IDLE", "ACTIVE");
  }
}
