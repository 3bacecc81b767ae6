package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.functions.TimeDomain;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timers of a keyed process function, on a manual clock: order, dedup, deletion, both domains. */
class KeyedTimersHarnessTest {

  /**
   * "set:T" registers an event-time timer at T, "proc:T" a processing-time one, "del:T" deletes the
   * event-time timer at T. Each firing emits "key:domain:time".
   */
  static final class Timers extends KeyedProcessFunction<String, String, String> {
    @Override
    public void processElement(String cmd, Context ctx, Collector<String> out) {
      String[] p = cmd.split(":");
      long t = Long.parseLong(p[2]);
      switch (p[1]) {
        case "set" -> ctx.timerService().registerEventTimeTimer(t);
        case "proc" -> ctx.timerService().registerProcessingTimeTimer(t);
        default -> ctx.timerService().deleteEventTimeTimer(t);
      }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<String> out) {
      out.collect(
          ctx.getCurrentKey()
              + ":"
              + (ctx.timeDomain() == TimeDomain.EVENT_TIME ? "e" : "p")
              + ":"
              + time);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void timersFireOnceInTimestampOrderWithTheirKey(boolean hostile) throws Exception {
    var h = OperatorHarness.forKeyedProcess(new Timers(), (String s) -> s.substring(0, 1));
    if (hostile) {
      h.hostile();
    }
    h.open();
    for (String c :
        new String[] {
          "a:set:30",
          "b:set:10",
          "a:set:20",
          "a:set:30",
          "b:set:25",
          "c:set:15",
          "c:del:15",
          "a:proc:1500",
          "b:proc:1200"
        }) {
      h.processElement(c, 0);
    }
    h.processWatermark(22);
    assertThat(h.getOutput()).containsExactly("b:e:10", "a:e:20");
    h.clearOutput();
    h.processWatermark(100);
    assertThat(h.getOutput())
        .containsExactly("b:e:25", "a:e:30"); // a:30 registered twice, fires once
    h.clearOutput();
    h.advanceProcessingTime(Duration.ofMillis(1300));
    assertThat(h.getOutput()).containsExactly("b:p:1200");
    h.advanceProcessingTime(Duration.ofMillis(1000));
    assertThat(h.getOutput()).containsExactly("b:p:1200", "a:p:1500");
    h.close();
  }
}
