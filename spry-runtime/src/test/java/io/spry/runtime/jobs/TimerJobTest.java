package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.TimeDomain;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.runtime.testing.ListSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Event-time timers through whole jobs: counts per key and 100 ms bucket, emitted by timers. */
class TimerJobTest {

  /** Counts a key's records per bucket; a timer at the bucket's end emits and clears the count. */
  static final class BucketCounter extends KeyedProcessFunction<Long, Long, String> {
    private transient MapState<Long, Long> counts;

    @Override
    public void open() {
      counts =
          getRuntimeContext()
              .getMapState(new MapStateDescriptor<>("counts", Long.class, Long.class));
    }

    @Override
    public void processElement(Long x, Context ctx, Collector<String> out) throws Exception {
      long ts = ctx.timestamp();
      long end = ts - ts % 100 + 99;
      if (end <= ctx.timerService().currentWatermark()) {
        throw new IllegalStateException(
            "late record " + x + " at watermark " + ctx.timerService().currentWatermark());
      }
      Long c = counts.get(end);
      counts.put(end, c == null ? 1 : c + 1);
      ctx.timerService().registerEventTimeTimer(end);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<String> out) throws Exception {
      if (ctx.timeDomain() != TimeDomain.EVENT_TIME || ctx.timestamp() != time) {
        throw new IllegalStateException("wrong timer context");
      }
      out.collect(ctx.getCurrentKey() + "@" + time + "=" + counts.get(time));
      counts.remove(time);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void eventTimeTimersFireOncePerKeyAndBucketWithTheRightCounts(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    env.getConfig().setAutoWatermarkInterval(java.time.Duration.ofMillis(1));
    List<String> out =
        env.fromSource(
                new ListSource<>(LongStream.range(0, 2000).boxed().toList(), Long.class),
                WatermarkStrategy.forMonotonousTimestamps(),
                "numbers")
            .keyBy(x -> x % 3)
            .process(new BucketCounter())
            .executeAndCollect(1 << 20);
    Map<String, Long> expected = new HashMap<>();
    for (long x = 0; x < 2000; x++) {
      expected.merge((x % 3) + "@" + (x - x % 100 + 99), 1L, Long::sum);
    }
    Map<String, Long> actual = new HashMap<>();
    for (String s : out) {
      String[] kv = s.split("=");
      assertThat(actual.put(kv[0], Long.parseLong(kv[1]))).as("fired twice: " + kv[0]).isNull();
    }
    assertThat(actual).isEqualTo(expected);
  }
}
