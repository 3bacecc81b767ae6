package io.spry.testkit;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.Collector;
import io.spry.api.functions.SourceFunction;
import io.spry.api.windowing.assigners.TumblingProcessingTimeWindows;
import io.spry.api.windowing.functions.ProcessWindowFunction;
import io.spry.api.windowing.triggers.ProcessingTimeTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.triggers.TriggerResult;
import io.spry.api.windowing.windows.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Processing-time windows in a whole job on a manual clock. The source drives time: it sends a
 * round of records, waits until the window operator has them all, moves the clock past the window's
 * end and waits until every window of the round has fired (timers fire on the task's turns).
 */
class ProcessingTimeWindowJobTest {
  static final int ROUNDS = 5;
  static final int KEYS = 3;
  static final AtomicInteger ARRIVED = new AtomicInteger();
  static final AtomicInteger FIRED = new AtomicInteger();
  static volatile ManualClock clock;

  /** The default processing-time trigger, counting the records that reach the window operator. */
  static final class CountingTrigger extends Trigger<Object, TimeWindow> {
    private final ProcessingTimeTrigger delegate = ProcessingTimeTrigger.create();

    @Override
    public TriggerResult onElement(Object e, long ts, TimeWindow w, TriggerContext ctx) {
      ARRIVED.incrementAndGet();
      return delegate.onElement(e, ts, w, ctx);
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow w, TriggerContext ctx) {
      return delegate.onProcessingTime(time, w, ctx);
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow w, TriggerContext ctx) {
      return delegate.onEventTime(time, w, ctx);
    }

    @Override
    public void clear(TimeWindow w, TriggerContext ctx) {
      delegate.clear(w, ctx);
    }
  }

  /** Round {@code r} sends {@code r + 1} records per key, at processing time {@code 10 * r}. */
  static final class Rounds implements SourceFunction<String> {
    private volatile boolean running = true;

    @Override
    public void run(SourceContext<String> ctx) throws Exception {
      int sent = 0;
      for (int r = 0; r < ROUNDS && running; r++) {
        for (int i = 0; i < (r + 1) * KEYS; i++) {
          ctx.collect("k" + (i % KEYS));
          sent++;
        }
        int expectedArrived = sent;
        await(() -> ARRIVED.get() == expectedArrived);
        clock.advance(ofMillis(10)); // past the end of [10r, 10r + 10)
        int expectedFired = (r + 1) * KEYS;
        await(() -> FIRED.get() == expectedFired);
      }
    }

    private void await(BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the window operator did not keep up");
        }
        Thread.sleep(1);
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  static final class Count extends ProcessWindowFunction<String, String, String, TimeWindow> {
    @Override
    public void process(String key, Context ctx, Iterable<String> elements, Collector<String> out) {
      int n = 0;
      for (String s : elements) {
        n++;
      }
      out.collect(key + "|" + ctx.window().getStart() + "|" + n);
      FIRED.incrementAndGet();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void eachRoundFillsOneWindowPerKey(int p) {
    ARRIVED.set(0);
    FIRED.set(0);
    JobTestDriver driver = JobTestDriver.create(p);
    clock = driver.clock();
    var counts =
        driver
            .env()
            .addSource(new Rounds(), "rounds")
            .keyBy(s -> s)
            .window(TumblingProcessingTimeWindows.of(ofMillis(10)))
            .trigger(new CountingTrigger())
            .process(new Count());

    List<String> expected = new ArrayList<>();
    for (int r = 0; r < ROUNDS; r++) {
      for (int k = 0; k < KEYS; k++) {
        expected.add("k" + k + "|" + 10 * r + "|" + (r + 1));
      }
    }
    assertThat(driver.collect(counts)).containsExactlyInAnyOrderElementsOf(expected);
  }
}
