package io.spry.runtime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.StreamEnvironment;
import io.spry.api.connector.datagen.DataGeneratorSource;
import io.spry.api.eventtime.WatermarkStrategy;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedBroadcastProcessFunction;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.types.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules broadcast to every subtask, events keyed: every subtask holds every rule. The event source
 * waits until every subtask has all rules, so the expected output is exact.
 */
class BroadcastStateJobTest implements java.io.Serializable {
  static final MapStateDescriptor<Long, Long> RULES =
      new MapStateDescriptor<>("rules", Long.class, Long.class);
  static final AtomicInteger RULES_SEEN = new AtomicInteger();
  static final int NUM_RULES = 3;

  /** Emits "key:value:divisor" for every rule whose divisor divides the value. */
  static final class Matcher extends KeyedBroadcastProcessFunction<Long, Long, Long, String> {
    @Override
    public void processElement(Long v, ReadOnlyContext ctx, Collector<String> out)
        throws Exception {
      for (var rule : ctx.getBroadcastState(RULES).immutableEntries()) {
        if (v % rule.getValue() == 0) {
          out.collect(ctx.getCurrentKey() + ":" + v + ":" + rule.getValue());
        }
      }
    }

    @Override
    public void processBroadcastElement(Long divisor, Context ctx, Collector<String> out)
        throws Exception {
      ctx.getBroadcastState(RULES).put(divisor, divisor);
      RULES_SEEN.incrementAndGet();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void everySubtaskAppliesEveryRule(int p) {
    RULES_SEEN.set(0);
    StreamEnvironment env = StreamEnvironment.createLocal(p);
    var rules = env.fromElements(2L, 3L, 5L).broadcast(RULES);
    int parallelism = p;
    var events =
        env.fromSource(
                new DataGeneratorSource<>(
                    i -> {
                      while (RULES_SEEN.get() < NUM_RULES * parallelism) {
                        Thread.onSpinWait();
                      }
                      return i;
                    },
                    600,
                    Double.POSITIVE_INFINITY,
                    TypeInfo.of(Long.class)),
                WatermarkStrategy.noWatermarks(),
                "events")
            .blocking(); // its generator waits for the rules: it must not hold a shared worker
    List<String> out =
        events.keyBy(v -> v % 4).connect(rules).process(new Matcher()).executeAndCollect(1 << 20);
    List<String> expected = new ArrayList<>();
    for (long v = 0; v < 600; v++) {
      for (long d : new long[] {2, 3, 5}) {
        if (v % d == 0) {
          expected.add((v % 4) + ":" + v + ":" + d);
        }
      }
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }
}
