package io.spry.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.time.Clock;
import io.spry.runtime.metrics.CounterRegistry;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A watermark that makes thousands of timers due fires them a bounded share per turn and forwards
 * the watermark only after the last: the task's output never has to hold more than one share.
 */
class TimersPerTurnTest {

  /** Registers an event-time timer at 100 per key; emits the key when it fires. */
  static final class AtHundred extends KeyedProcessFunction<Long, Long, Long> {
    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      ctx.timerService().registerEventTimeTimer(100);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Long> out) {
      out.collect(ctx.getCurrentKey());
    }
  }

  @Test
  void aWatermarkFiresAtMostOneShareOfTimersPerTurn() throws Exception {
    HeapKeyedStateBackend backend =
        new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128);
    List<Object> out = new ArrayList<>();
    List<Long> watermarks = new ArrayList<>();
    KeyedProcessOperator<Long, Long, Long> op = new KeyedProcessOperator<>(new AtHundred());
    op.setup(
        new OperatorContext(
            "timers",
            "timers (1/1)",
            "test",
            0,
            1,
            128,
            Clock.system(),
            new CounterRegistry(),
            backend),
        new Output<Long>() {
          @Override
          public void collect(Long record, long timestamp) {
            out.add(record);
          }

          @Override
          public void emitWatermark(long watermark) {
            watermarks.add(watermark);
          }
        });
    op.open();
    int keys = 3 * StreamOperator.TIMERS_PER_TURN - 100;
    for (long k = 0; k < keys; k++) {
      backend.setCurrentKey(k);
      op.processElement(k, 1);
    }
    op.processWatermark(200);
    assertThat(out).hasSize(StreamOperator.TIMERS_PER_TURN);
    assertThat(watermarks).isEmpty();
    assertThat(op.hasPendingWork()).isTrue();
    op.resumePendingWork();
    assertThat(out).hasSize(2 * StreamOperator.TIMERS_PER_TURN);
    assertThat(watermarks).isEmpty();
    op.resumePendingWork();
    assertThat(out).hasSize(keys);
    assertThat(watermarks).containsExactly(200L);
    assertThat(op.hasPendingWork()).isFalse();
    assertThat(op.numTimers()).isZero();
  }
}
