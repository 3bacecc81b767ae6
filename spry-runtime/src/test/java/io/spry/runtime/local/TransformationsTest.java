package io.spry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.OutputTag;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.CoFlatMapFunction;
import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.functions.ProcessFunction;
import io.spry.api.functions.RichMapFunction;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.TypeInfo;
import io.spry.runtime.testing.ListSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every transformation through whole jobs, compared with the same result computed in plain Java.
 */
class TransformationsTest implements java.io.Serializable {

  private static SingleOutputStream<Long> numbers(StreamEnvironment env, int n) {
    return env.fromSource(
        new ListSource<>(LongStream.range(0, n).boxed().toList(), Long.class),
        WatermarkStrategy.noWatermarks(),
        "numbers");
  }

  private static <T> List<T> sorted(List<T> l, java.util.Comparator<T> c) {
    List<T> copy = new ArrayList<>(l);
    copy.sort(c);
    return copy;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void flatMapEmitsEveryOutput(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Long> out =
        numbers(env, 1000)
            .flatMap(
                (Long x, Collector<Long> c) -> {
                  for (long i = 0; i < x % 4; i++) {
                    c.collect(x * 10 + i);
                  }
                })
            .returns(Long.class)
            .executeAndCollect(Integer.MAX_VALUE);
    List<Long> expected = new ArrayList<>();
    for (long x = 0; x < 1000; x++) {
      for (long i = 0; i < x % 4; i++) {
        expected.add(x * 10 + i);
      }
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void unionMergesAllInputs(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<Long> a = numbers(env, 500);
    DataStream<Long> b = numbers(env, 300).map(x -> x + 1000);
    DataStream<Long> c = numbers(env, 200).map(x -> x + 5000).setParallelism(1);
    List<Long> out = a.union(b, c).executeAndCollect(Integer.MAX_VALUE);
    List<Long> expected = new ArrayList<>();
    LongStream.range(0, 500).forEach(expected::add);
    LongStream.range(0, 300).forEach(x -> expected.add(x + 1000));
    LongStream.range(0, 200).forEach(x -> expected.add(x + 5000));
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void connectCoMapAndCoFlatMap(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<Long> longs = numbers(env, 400);
    DataStream<String> strings = numbers(env, 100).map(x -> "s" + x);
    List<String> out =
        longs
            .connect(strings)
            .map(
                new CoMapFunction<Long, String, String>() {
                  @Override
                  public String map1(Long v) {
                    return "L" + v;
                  }

                  @Override
                  public String map2(String v) {
                    return v.toUpperCase();
                  }
                })
            .executeAndCollect(Integer.MAX_VALUE);
    List<String> expected = new ArrayList<>();
    LongStream.range(0, 400).forEach(x -> expected.add("L" + x));
    LongStream.range(0, 100).forEach(x -> expected.add("S" + x));
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);

    StreamEnvironment env2 = StreamEnvironment.createLocal(p);
    List<Long> flat =
        numbers(env2, 100)
            .connect(numbers(env2, 50))
            .flatMap(
                new CoFlatMapFunction<Long, Long, Long>() {
                  @Override
                  public void flatMap1(Long v, Collector<Long> o) {
                    o.collect(v);
                    o.collect(v);
                  }

                  @Override
                  public void flatMap2(Long v, Collector<Long> o) {
                    o.collect(-v - 1);
                  }
                })
            .executeAndCollect(Integer.MAX_VALUE);
    assertThat(flat).hasSize(250);
    assertThat(flat.stream().filter(x -> x < 0).count()).isEqualTo(50);
  }

  /** Joins two keyed inputs by key with shared keyed state: each key sees both sides. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void keyedCoProcessSharesStatePerKey(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    DataStream<Long> left = numbers(env, 200);
    DataStream<Long> right = numbers(env, 200).map(x -> x * 2);
    List<String> out =
        left.connect(right)
            .keyBy(x -> x % 10, x -> x % 10)
            .process(
                new KeyedCoProcessFunction<Long, Long, Long, String>() {
                  private transient io.spry.api.state.ValueState<Long> count;

                  @Override
                  public void open() {
                    count =
                        getRuntimeContext()
                            .getState(
                                new io.spry.api.state.ValueStateDescriptor<>("n", Long.class));
                  }

                  private void bump(Context ctx, Collector<String> out) throws Exception {
                    Long c = count.value();
                    long n = c == null ? 1 : c + 1;
                    count.update(n);
                    out.collect(ctx.getCurrentKey() + ":" + n);
                  }

                  @Override
                  public void processElement1(Long v, Context ctx, Collector<String> out)
                      throws Exception {
                    bump(ctx, out);
                  }

                  @Override
                  public void processElement2(Long v, Context ctx, Collector<String> out)
                      throws Exception {
                    bump(ctx, out);
                  }
                })
            .executeAndCollect(Integer.MAX_VALUE);
    // Key k receives 20 from the left and the right values x*2 with x*2 % 10 == k.
    Map<Long, Long> perKey = new HashMap<>();
    LongStream.range(0, 200).forEach(x -> perKey.merge(x % 10, 1L, Long::sum));
    LongStream.range(0, 200).forEach(x -> perKey.merge((x * 2) % 10, 1L, Long::sum));
    Map<Long, Long> max = new HashMap<>();
    for (String s : out) {
      String[] kv = s.split(":");
      max.merge(Long.parseLong(kv[0]), Long.parseLong(kv[1]), Math::max);
    }
    assertThat(max).isEqualTo(perKey);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void sideOutputsCarryTheirRecords(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    OutputTag<String> odd = new OutputTag<>("odd", String.class);
    SingleOutputStream<Long> main =
        numbers(env, 1000)
            .process(
                new ProcessFunction<Long, Long>() {
                  @Override
                  public void processElement(Long v, Context ctx, Collector<Long> out) {
                    if (v % 2 == 0) {
                      out.collect(v);
                    } else {
                      ctx.output(odd, "odd-" + v);
                    }
                  }
                });
    DataStream<Object> both =
        main.map(v -> (Object) v).union(main.getSideOutput(odd).map(s -> (Object) s));
    List<Object> out = both.executeAndCollect(Integer.MAX_VALUE);
    List<Object> expected = new ArrayList<>();
    for (long v = 0; v < 1000; v++) {
      expected.add(v % 2 == 0 ? (Object) v : "odd-" + v);
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void broadcastSendsEveryRecordToEverySubtask(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<Tuple2<Integer, Long>> out =
        numbers(env, 100)
            .setParallelism(1)
            .broadcast()
            .map(
                new RichMapFunction<Long, Tuple2<Integer, Long>>() {
                  @Override
                  public Tuple2<Integer, Long> map(Long v) {
                    return Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), v);
                  }
                })
            .executeAndCollect(Integer.MAX_VALUE);
    assertThat(out).hasSize(100 * p);
    Map<Integer, List<Long>> bySubtask =
        out.stream()
            .collect(
                Collectors.groupingBy(
                    t -> t.f0, Collectors.mapping(t -> t.f1, Collectors.toList())));
    assertThat(bySubtask).hasSize(p);
    // One producer per subtask, so each subtask sees the records in the source's order.
    bySubtask
        .values()
        .forEach(l -> assertThat(l).isEqualTo(LongStream.range(0, 100).boxed().toList()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rebalance", "shuffle", "rescale", "custom", "global"})
  void partitionersDeliverEveryRecordOnceToTheRightPlace(String kind) {
    StreamEnvironment env = StreamEnvironment.createLocal(4);
    DataStream<Long> in = numbers(env, 4000).setParallelism(2);
    DataStream<Long> parted =
        switch (kind) {
          case "rebalance" -> in.rebalance();
          case "shuffle" -> in.shuffle();
          case "rescale" -> in.rescale();
          case "custom" -> in.partitionCustom((Long k, int n) -> (int) (k % n), x -> x);
          default -> in.global();
        };
    List<Tuple2<Integer, Long>> out =
        parted
            .map(
                new RichMapFunction<Long, Tuple2<Integer, Long>>() {
                  @Override
                  public Tuple2<Integer, Long> map(Long v) {
                    return Tuple2.of(getRuntimeContext().getIndexOfThisSubtask(), v);
                  }
                })
            .executeAndCollect(Integer.MAX_VALUE);
    assertThat(out.stream().map(t -> t.f1).toList())
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 4000).boxed().toList());
    Map<Integer, Long> counts =
        out.stream().collect(Collectors.groupingBy(t -> t.f0, Collectors.counting()));
    switch (kind) {
      case "rebalance", "rescale" -> assertThat(counts).containsValues(1000L, 1000L, 1000L, 1000L);
      case "shuffle" -> counts.values().forEach(c -> assertThat(c).isBetween(800L, 1200L));
      case "custom" -> out.forEach(t -> assertThat(t.f0).isEqualTo((int) (t.f1 % 4)));
      default -> assertThat(counts).containsOnlyKeys(0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void everyKeyedStateTypeKeepsPerKeyValues(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    List<String> out =
        numbers(env, 3000)
            .keyBy(x -> x % 13)
            .map(new AllStates())
            .executeAndCollect(Integer.MAX_VALUE);
    // For each key k (records k, k+13, ...), the last output has count n, sum, list size, max, map
    // size.
    Map<Long, String> last = new HashMap<>();
    for (String s : out) {
      last.put(Long.parseLong(s.substring(0, s.indexOf('|'))), s);
    }
    Map<Long, String> expected = new HashMap<>();
    for (long k = 0; k < 13; k++) {
      long n = 0;
      long sum = 0;
      long max = Long.MIN_VALUE;
      for (long x = k; x < 3000; x += 13) {
        n++;
        sum += x;
        max = Math.max(max, x);
      }
      expected.put(k, k + "|" + n + "|" + sum + "|" + n + "|" + max + "|" + Math.min(n, 5));
    }
    assertThat(last).isEqualTo(expected);
  }

  /** Uses all five keyed state kinds. */
  static final class AllStates extends RichMapFunction<Long, String> {
    private transient io.spry.api.state.ValueState<Long> count;
    private transient io.spry.api.state.ReducingState<Long> sum;
    private transient io.spry.api.state.ListState<Long> list;
    private transient io.spry.api.state.AggregatingState<Long, Long> max;
    private transient io.spry.api.state.MapState<Long, Long> byLastDigit;

    @Override
    public void open() {
      var rc = getRuntimeContext();
      count = rc.getState(new io.spry.api.state.ValueStateDescriptor<>("count", Long.class));
      sum =
          rc.getReducingState(
              new io.spry.api.state.ReducingStateDescriptor<>("sum", Long::sum, Long.class));
      list = rc.getListState(new io.spry.api.state.ListStateDescriptor<>("list", Long.class));
      max =
          rc.getAggregatingState(
              new io.spry.api.state.AggregatingStateDescriptor<>(
                  "max", new MaxAgg(), TypeInfo.of(long[].class)));
      byLastDigit =
          rc.getMapState(
              new io.spry.api.state.MapStateDescriptor<>("digits", Long.class, Long.class));
    }

    @Override
    public String map(Long x) throws Exception {
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      sum.add(x);
      list.add(x);
      max.add(x);
      byLastDigit.put(x % 5, x);
      int listSize = 0;
      for (Long ignored : list.get()) {
        listSize++;
      }
      int mapSize = 0;
      for (Long ignored : byLastDigit.keys()) {
        mapSize++;
      }
      return (x % 13)
          + "|"
          + count.value()
          + "|"
          + sum.get()
          + "|"
          + listSize
          + "|"
          + max.get()
          + "|"
          + mapSize;
    }
  }

  /** Max as an aggregate function over a one-slot accumulator. */
  static final class MaxAgg implements io.spry.api.functions.AggregateFunction<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[] {Long.MIN_VALUE};
    }

    @Override
    public long[] add(Long value, long[] acc) {
      acc[0] = Math.max(acc[0], value);
      return acc;
    }

    @Override
    public Long getResult(long[] acc) {
      return acc[0];
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {Math.max(a[0], b[0])};
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2})
  void forwardBetweenDifferentParallelismFailsAtBuildTime(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    numbers(env, 10).forward().map(x -> x).setParallelism(3).addSink((v, c) -> {});
    assertThatThrownBy(() -> env.execute("bad"))
        .hasMessageContaining("forward()")
        .hasMessageContaining("parallelism 2")
        .hasMessageContaining("parallelism 3")
        .hasMessageContaining("rebalance()");
  }

  @ParameterizedTest
  @ValueSource(ints = {1})
  void keyedStateOnANonKeyedStreamFailsWithAHint(int p) {
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    numbers(env, 10)
        .map(
            new RichMapFunction<Long, Long>() {
              @Override
              public void open() {
                getRuntimeContext()
                    .getState(new io.spry.api.state.ValueStateDescriptor<>("s", Long.class));
              }

              @Override
              public Long map(Long v) {
                return v;
              }
            })
        .addSink((v, c) -> {});
    assertThatThrownBy(() -> env.execute("bad"))
        .hasMessageContaining("only available on a keyed stream")
        .hasMessageContaining("keyBy");
  }
}
