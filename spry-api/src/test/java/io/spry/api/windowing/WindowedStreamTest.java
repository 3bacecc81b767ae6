package io.spry.api.windowing;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.DataStream;
import io.spry.api.SingleOutputStream;
import io.spry.api.StreamEnvironment;
import io.spry.api.functions.AggregateFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.RichReduceFunction;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.OperatorKind;
import io.spry.api.state.StateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.api.types.Types;
import io.spry.api.windowing.assigners.EventTimeSessionWindows;
import io.spry.api.windowing.assigners.TumblingEventTimeWindows;
import io.spry.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.spry.api.windowing.evictors.CountEvictor;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.internal.WindowSpec;
import io.spry.api.windowing.triggers.NeverTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.triggers.TriggerResult;
import io.spry.api.windowing.windows.TimeWindow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the window API builds, and the mistakes it refuses with a fix in the message. */
class WindowedStreamTest {
  final StreamEnvironment env = StreamEnvironment.createLocal(2);
  final DataStream<Tuple2<String, Integer>> in =
      env.fromElements(Tuple2.of("a", 1), Tuple2.of("b", 2));

  static WindowSpec spec(DataStream<?> s) {
    OneInputTransformation<?, ?> t = (OneInputTransformation<?, ?>) s.getTransformation();
    assertThat(t.getKind()).isEqualTo(OperatorKind.WINDOW);
    assertThat(t.getKeySelector()).isNotNull();
    return (WindowSpec) t.getFunction();
  }

  static final class Sum implements AggregateFunction<Tuple2<String, Integer>, Integer, Integer> {
    @Override
    public Integer createAccumulator() {
      return 0;
    }

    @Override
    public Integer add(Tuple2<String, Integer> v, Integer acc) {
      return acc + v.f1;
    }

    @Override
    public Integer getResult(Integer acc) {
      return acc;
    }

    @Override
    public Integer merge(Integer a, Integer b) {
      return a + b;
    }
  }

  static final class Format extends ProcessWindowFunction<Integer, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<Integer> sums, Collector<String> out) {
      out.collect(key + sums.iterator().next());
    }
  }

  @Test
  void incrementalFunctionsKeepOneValuePerWindowAndTypesAreExtracted() {
    SingleOutputStream<String> out =
        in.keyBy(t -> t.f0)
            .window(TumblingEventTimeWindows.of(ofMillis(10)))
            .aggregate(new Sum(), new Format());
    assertThat(out.getType()).isEqualTo(Types.STRING);
    WindowSpec spec = spec(out);
    assertThat(spec.contentsDescriptor().getKind()).isEqualTo(StateDescriptor.Kind.AGGREGATING);
    assertThat(spec.contentsDescriptor().getType()).isEqualTo(Types.INT);
    assertThat(out.getTransformation().getName())
        .isEqualTo("Window(TumblingEventTimeWindows(10ms), EventTimeTrigger)");

    SingleOutputStream<Integer> plain =
        in.keyBy(t -> t.f0).window(TumblingEventTimeWindows.of(ofMillis(10))).aggregate(new Sum());
    assertThat(plain.getType()).isEqualTo(Types.INT);

    var reduced = in.keyBy(t -> t.f0).countWindow(3).sum(1);
    assertThat(reduced.getType()).isEqualTo(in.getType());
    assertThat(spec(reduced).contentsDescriptor().getKind())
        .isEqualTo(StateDescriptor.Kind.REDUCING);
  }

  @Test
  void anEvictorKeepsEveryRecordEvenForAReduce() {
    var out =
        in.keyBy(t -> t.f0)
            .window(TumblingEventTimeWindows.of(ofMillis(10)))
            .evictor(CountEvictor.of(2))
            .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1));
    assertThat(spec(out).contentsDescriptor().getKind()).isEqualTo(StateDescriptor.Kind.LIST);
    assertThat(spec(out).evictor()).isNotNull();
  }

  @Test
  void windowAllRunsAsOneSubtask() {
    var out = in.windowAll(TumblingEventTimeWindows.of(ofMillis(10))).sum(1);
    assertThat(out.getTransformation().getParallelism()).isEqualTo(1);
    assertThat(out.getTransformation().getName()).startsWith("WindowAll(");
  }

  @Test
  void mistakesFailWhenTheJobIsBuilt() {
    var keyed = in.keyBy(t -> t.f0);
    assertThatThrownBy(
            () ->
                keyed
                    .window(TumblingProcessingTimeWindows.of(ofMillis(10)))
                    .allowedLateness(ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processing-time windows, where no record is ever late");
    assertThatThrownBy(
            () ->
                keyed
                    .window(TumblingEventTimeWindows.of(ofMillis(10)))
                    .allowedLateness(Duration.ofMillis(-1)))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(
            () ->
                keyed
                    .window(TumblingEventTimeWindows.of(ofMillis(10)))
                    .reduce(
                        new RichReduceFunction<Tuple2<String, Integer>>() {
                          @Override
                          public Tuple2<String, Integer> reduce(
                              Tuple2<String, Integer> a, Tuple2<String, Integer> b) {
                            return a;
                          }
                        }))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("reduce(function, processWindowFunction)");
    assertThatThrownBy(() -> keyed.countWindow(0)).hasMessageContaining("size must be at least 1");
    assertThatThrownBy(() -> keyed.countWindow(5, 0))
        .hasMessageContaining("slide must be at least 1");
  }

  /** A trigger that cannot merge. */
  static final class Stubborn extends Trigger<Object, TimeWindow> {
    @Override
    public TriggerResult onElement(Object e, long t, TimeWindow w, TriggerContext ctx) {
      return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow w, TriggerContext ctx) {
      return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow w, TriggerContext ctx) {}
  }

  @Test
  void sessionsNeedATriggerThatMerges() {
    var sessions = in.keyBy(t -> t.f0).window(EventTimeSessionWindows.withGap(ofMillis(10)));
    assertThatThrownBy(() -> sessions.trigger(new Stubborn()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("merges windows, but the trigger cannot merge");
    assertThat(NeverTrigger.create().canMerge()).isTrue();
  }
}
