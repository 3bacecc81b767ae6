package io.spry.cli.it;

import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.connector.file.FileSink;
import io.spry.api.connector.file.LineEncoder;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.windows.TimeWindow;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The job of {@link KillNineTest}: {@code n} sequence-numbered events over {@code keys} keys, a
 * keyed running count per key and event-time windows per key, written exactly once by the file
 * sink. Event {@code i} has key {@code i % keys}, sequence number {@code i / keys} and event time
 * {@code i} ms. Lines: {@code E,key,seq,count} per event and {@code W,key,windowStart,count} per 10
 * s window.
 *
 * <p>Arguments: output directory, n, keys, events per second.
 */
public final class KillTestJob {
  private KillTestJob() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    long n = Long.parseLong(args[1]);
    long keys = Long.parseLong(args[2]);
    double rate = Double.parseDouble(args[3]);
    StreamEnvironment env = StreamEnvironment.create();
    env.getConfig().setAutoWatermarkInterval(Duration.ofMillis(20));
    var keyed =
        env.fromSource(
                new DataGeneratorSource<>(i -> i, n, rate, TypeInfo.of(Long.class)),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((v, t) -> v),
                "events")
            .uid("events")
            .keyBy(v -> v % keys);
    var counts = keyed.process(new Counter(keys)).uid("counter");
    var windows =
        keyed
            .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
            .aggregate(new CountAggregate(), new Emit())
            .uid("windows");
    counts
        .union(windows)
        .sinkTo(FileSink.forRowFormat(out, LineEncoder.<String>toStringLines()).build())
        .uid("sink");
    env.execute("kill-test");
  }

  /** Emits "E,key,seq,count" with the key's running count. */
  static final class Counter extends KeyedProcessFunction<Long, Long, String> {
    final long keys;
    private transient ValueState<Long> count;

    Counter(long keys) {
      this.keys = keys;
    }

    @Override
    public void open() {
      count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
    }

    @Override
    public void processElement(Long v, Context ctx, Collector<String> out) throws Exception {
      long c = count.value() == null ? 1 : count.value() + 1;
      count.update(c);
      out.collect("E," + (v % keys) + "," + (v / keys) + "," + c);
    }
  }

  static final class CountAggregate implements AggregateFunction<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(Long value, Long acc) {
      return acc + 1;
    }

    @Override
    public Long getResult(Long acc) {
      return acc;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  static final class Emit extends ProcessWindowFunction<Long, String, Long, TimeWindow> {
    @Override
    public void process(Long key, Context ctx, Iterable<Long> counts, Collector<String> out) {
      out.collect("W," + key + "," + ctx.window().getStart() + "," + counts.iterator().next());
    }
  }
}
