package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.CoMapFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedCoProcessFunction;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.api.tuple.Tuple2;
import io.spry.runtime.operator.OperatorException;
import org.junit.jupiter.api.Test;

class TwoInputOperatorHarnessTest {

  static final class Describe implements CoMapFunction<Integer, String, String> {
    @Override
    public String map1(Integer value) {
      return "int " + value;
    }

    @Override
    public String map2(String value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      return "string " + value;
    }
  }

  @Test
  void coMapInterleavesBothInputs() {
    var harness = OperatorHarness.forCoMap(new Describe()).open();
    harness.processElement1(1, 5L).processElement2("a").processElement1(2);
    assertThat(harness.getOutputWithTimestamps())
        .containsExactly(
            TimestampedValue.of("int 1", 5L),
            TimestampedValue.withoutTimestamp("string a"),
            TimestampedValue.withoutTimestamp("int 2"));
  }

  @Test
  void failuresNameTheInput() {
    var harness = OperatorHarness.forCoMap(new Describe()).open();
    assertThatThrownBy(() -> harness.processElement2(""))
        .isInstanceOf(OperatorException.class)
        .hasMessageContaining("'CoMap'")
        .hasMessageContaining("of input 2");
  }

  @Test
  void watermarksAreTheMinimumOfBothInputs() {
    var harness = OperatorHarness.forCoMap(new Describe()).open();
    harness.processWatermark1(10);
    assertThat(harness.getWatermarks()).isEmpty();
    harness.processWatermark2(5);
    harness.processWatermark2(20);
    harness.processWatermark1(8);
    harness.processWatermark(30);
    assertThat(harness.getWatermarks()).containsExactly(5L, 10L, 30L);
  }

  /** Joins each order (input 1) with the latest price of its item (input 2). */
  static final class PriceOrders
      extends KeyedCoProcessFunction<
          String, Tuple2<String, Integer>, Tuple2<String, Double>, String> {
    private transient ValueState<Double> price;

    @Override
    public void open() {
      price = getRuntimeContext().getState(new ValueStateDescriptor<>("price", Double.class));
    }

    @Override
    public void processElement1(Tuple2<String, Integer> order, Context ctx, Collector<String> out)
        throws Exception {
      Double p = price.value();
      out.collect(ctx.getCurrentKey() + ": " + (p == null ? "no price" : order.f1 * p));
    }

    @Override
    public void processElement2(Tuple2<String, Double> update, Context ctx, Collector<String> out)
        throws Exception {
      price.update(update.f1);
    }
  }

  @Test
  void keyedCoProcessSharesStateAcrossInputsByKey() {
    var harness =
        OperatorHarness.forKeyedCoProcess(
                new PriceOrders(), (Tuple2<String, Integer> o) -> o.f0, p -> p.f0)
            .open();

    harness
        .processElement1(Tuple2.of("apple", 2))
        .processElement2(Tuple2.of("apple", 1.5))
        .processElement2(Tuple2.of("pear", 3.0))
        .processElement1(Tuple2.of("apple", 4))
        .processElement1(Tuple2.of("pear", 1));

    assertThat(harness.getOutput()).containsExactly("apple: no price", "apple: 6.0", "pear: 3.0");
    assertThat(harness.numKeyedStateEntries("price")).isEqualTo(2);
  }
}
