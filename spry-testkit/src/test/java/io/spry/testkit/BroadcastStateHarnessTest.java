package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.BroadcastProcessFunction;
import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedBroadcastProcessFunction;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The broadcast state pattern: rules on the broadcast side, events on the keyed side. */
class BroadcastStateHarnessTest {
  record Rule(String name, long threshold) {}

  record Payment(String user, long amount) {}

  static final MapStateDescriptor<String, Long> RULES =
      new MapStateDescriptor<>("rules", String.class, Long.class);
  static final ValueStateDescriptor<Long> TOTAL = new ValueStateDescriptor<>("total", Long.class);

  /** Alerts when a user's running total passes a rule's threshold; "reset" clears all totals. */
  static final class Alerts extends KeyedBroadcastProcessFunction<String, Payment, Rule, String> {
    private transient ValueState<Long> total;

    @Override
    public void open() {
      total = getRuntimeContext().getState(TOTAL);
    }

    @Override
    public void processElement(Payment p, ReadOnlyContext ctx, Collector<String> out)
        throws Exception {
      long before = total.value() == null ? 0 : total.value();
      long after = before + p.amount();
      total.update(after);
      for (Map.Entry<String, Long> rule : ctx.getBroadcastState(RULES).immutableEntries()) {
        if (before <= rule.getValue() && after > rule.getValue()) {
          out.collect(ctx.getCurrentKey() + " passed " + rule.getKey() + " with " + after);
        }
      }
    }

    @Override
    public void processBroadcastElement(Rule r, Context ctx, Collector<String> out)
        throws Exception {
      if (r.name().equals("reset")) {
        ctx.applyToKeyedState(TOTAL, (user, state) -> state.clear());
      } else {
        ctx.getBroadcastState(RULES).put(r.name(), r.threshold());
      }
    }
  }

  @Test
  void rulesFromTheBroadcastSideApplyToEveryKeyAndApplyToKeyedStateVisitsAllKeys()
      throws Exception {
    var h = OperatorHarness.forKeyedBroadcastProcess(new Alerts(), Payment::user, RULES);
    h.open();
    h.processElement2(new Rule("big", 100));
    h.processElement1(new Payment("ann", 60));
    h.processElement1(new Payment("bob", 120));
    h.processElement1(new Payment("ann", 50));
    h.processElement2(new Rule("huge", 150));
    h.processElement1(new Payment("bob", 40));
    assertThat(h.getOutput())
        .containsExactly(
            "bob passed big with 120", "ann passed big with 110", "bob passed huge with 160");
    assertThat(h.numKeyedStateEntries("total")).isEqualTo(2);
    h.processElement2(new Rule("reset", 0));
    assertThat(h.numKeyedStateEntries("total")).isZero();
    h.clearOutput();
    h.processElement1(new Payment("ann", 101));
    assertThat(h.getOutput()).containsExactly("ann passed big with 101");
    h.close();
  }

  @Test
  void anUndeclaredBroadcastStateIsAClearError() throws Exception {
    MapStateDescriptor<String, String> other =
        new MapStateDescriptor<>("other", String.class, String.class);
    var h =
        OperatorHarness.forBroadcastProcess(
            new BroadcastProcessFunction<String, String, String>() {
              @Override
              public void processElement(String v, ReadOnlyContext ctx, Collector<String> out)
                  throws Exception {
                out.collect(v + "=" + ctx.getBroadcastState(RULES).get(v));
              }

              @Override
              public void processBroadcastElement(String v, Context ctx, Collector<String> out)
                  throws Exception {
                ctx.getBroadcastState(other).put(v, v);
              }
            },
            RULES);
    h.open();
    h.processElement1("x");
    assertThat(h.getOutput()).containsExactly("x=null");
    assertThatThrownBy(() -> h.processElement2("y"))
        .hasMessageContaining("'other'")
        .hasMessageContaining("was not declared");
  }
}
