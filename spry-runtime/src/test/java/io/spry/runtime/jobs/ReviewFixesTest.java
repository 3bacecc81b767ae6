package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.spry.api.JobExecutionException;
import io.spry.api.JobHandle;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.ParallelSourceFunction;
import io.spry.api.functions.RichMapFunction;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** Behaviour that a code review found missing; each test failed before its fix. */
class ReviewFixesTest implements java.io.Serializable {
  static final ConcurrentLinkedQueue<Long> FIRED = new ConcurrentLinkedQueue<>();

  /** An endless source function of increasing timestamps. */
  static final class Ticking implements ParallelSourceFunction<Long> {
    private volatile boolean running = true;

    @Override
    public void run(SourceContext<Long> ctx) throws InterruptedException {
      long i = 0;
      while (running) {
        ctx.collectWithTimestamp(i, i * 10);
        i++;
        if (i % 100 == 0) {
          Thread.sleep(1);
        }
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  /** Fires one event-time timer per key at 1000. */
  static final class FireAt1000 extends KeyedProcessFunction<Long, Long, Long> {
    @Override
    public void processElement(Long v, Context ctx, Collector<Long> out) {
      ctx.timerService().registerEventTimeTimer(1000);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Long> out) {
      FIRED.add(time);
    }
  }

  @Test
  void periodicWatermarksFlowAfterAnUnboundedSourceFunction() throws Exception {
    FIRED.clear();
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(10));
    env.addSource(new Ticking(), "ticking")
        .returns(Long.class)
        .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())
        .keyBy(x -> x % 2)
        .process(new FireAt1000())
        .addSink((v, c) -> {});
    JobHandle h = env.executeAsync("ticking");
    await().atMost(Duration.ofSeconds(20)).until(() -> FIRED.size() >= 2);
    h.cancel();
    h.await(Duration.ofSeconds(10));
  }

  @Test
  void anErrorInCloseFailsTheJobInsteadOfHangingIt() {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.fromSequence(1, 10)
        .map(
            new RichMapFunction<Long, Long>() {
              @Override
              public Long map(Long v) {
                return v;
              }

              @Override
              public void close() {
                throw new AssertionError("broken close");
              }
            })
        .addSink((v, c) -> {});
    assertThatThrownBy(() -> env.execute("close fails"))
        .isInstanceOf(JobExecutionException.class)
        .hasMessageContaining("broken close");
  }

  @Test
  void arraysAreRejectedAsKeys() {
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.fromSequence(1, 10).keyBy(x -> new long[] {x}).map(x -> x).addSink((v, c) -> {});
    assertThatThrownBy(() -> env.execute("array keys"))
        .hasMessageContaining("Arrays cannot be keys");
  }

  @Test
  void ingestionTimeMidStreamStampsWithTheClock() {
    io.spry.api.time.Clock fixed =
        new io.spry.api.time.Clock() {
          @Override
          public long millis() {
            return 7_000;
          }

          @Override
          public long nanos() {
            return System.nanoTime();
          }
        };
    StreamEnvironment env = StreamEnvironment.createLocal(1);
    env.setClock(fixed);
    var stamps =
        env.fromSequence(1, 3)
            .assignTimestampsAndWatermarks(WatermarkStrategy.ingestionTime())
            .process(
                new io.spry.api.functions.ProcessFunction<Long, Long>() {
                  @Override
                  public void processElement(Long v, Context ctx, Collector<Long> out) {
                    out.collect(ctx.timestamp());
                  }
                })
            .executeAndCollect(10);
    assertThat(stamps).containsExactly(7_000L, 7_000L, 7_000L);
  }
}
