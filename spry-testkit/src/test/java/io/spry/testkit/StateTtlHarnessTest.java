package io.spry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.functions.Collector;
import io.spry.api.functions.KeyedProcessFunction;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.StateTtlConfig;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Keyed state time to live on a manual clock: expiry, refresh on read, per element, cleanup. */
class StateTtlHarnessTest {

  /**
   * Commands "key:op[:arg]": put (value), get (emits the value), add (list), list (emits the list),
   * mput:k (map), map (emits the map's keys).
   */
  static final class Commands extends KeyedProcessFunction<String, String, String> {
    private final StateTtlConfig.UpdateType update;
    private final int cleanup;
    private transient ValueState<String> value;
    private transient ListState<String> list;
    private transient MapState<String, String> map;

    Commands(StateTtlConfig.UpdateType update, int cleanup) {
      this.update = update;
      this.cleanup = cleanup;
    }

    @Override
    public void open() {
      StateTtlConfig ttl =
          StateTtlConfig.newBuilder(Duration.ofSeconds(10))
              .setUpdateType(update)
              .cleanupIncrementally(cleanup)
              .build();
      ValueStateDescriptor<String> v = new ValueStateDescriptor<>("value", String.class);
      v.enableTimeToLive(ttl);
      ListStateDescriptor<String> l = new ListStateDescriptor<>("list", String.class);
      l.enableTimeToLive(ttl);
      MapStateDescriptor<String, String> m =
          new MapStateDescriptor<>("map", String.class, String.class);
      m.enableTimeToLive(ttl);
      value = getRuntimeContext().getState(v);
      list = getRuntimeContext().getListState(l);
      map = getRuntimeContext().getMapState(m);
    }

    @Override
    public void processElement(String cmd, Context ctx, Collector<String> out) throws Exception {
      String[] p = cmd.split(":");
      switch (p[1]) {
        case "put" -> value.update(p[2]);
        case "get" -> out.collect(String.valueOf(value.value()));
        case "add" -> list.add(p[2]);
        case "list" -> out.collect(String.valueOf(list.get()));
        case "mput" -> map.put(p[2], p[2]);
        default -> out.collect(String.valueOf(map.keys()));
      }
    }
  }

  private static OneInputOperatorHarness<String, String> harness(
      StateTtlConfig.UpdateType update, int cleanup) throws Exception {
    var h =
        OperatorHarness.forKeyedProcess(
            new Commands(update, cleanup), (String s) -> s.split(":")[0]);
    h.open();
    return h;
  }

  @Test
  void aValueExpiresTenSecondsAfterItsLastWriteAndIsNeverReturnedAfter() throws Exception {
    var h = harness(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 0);
    h.processElement("a:put:x");
    h.advanceProcessingTime(Duration.ofSeconds(9));
    h.processElement("a:get");
    h.advanceProcessingTime(Duration.ofSeconds(1));
    h.processElement("a:get");
    assertThat(h.getOutput()).containsExactly("x", "null");
    assertThat(h.numKeyedStateEntries("value")).isZero(); // removed when touched
  }

  @Test
  void readsRefreshWhenConfigured() throws Exception {
    var h = harness(StateTtlConfig.UpdateType.ON_READ_AND_WRITE, 0);
    h.processElement("a:put:x");
    for (int i = 0; i < 5; i++) {
      h.advanceProcessingTime(Duration.ofSeconds(8));
      h.processElement("a:get");
    }
    h.advanceProcessingTime(Duration.ofSeconds(10));
    h.processElement("a:get");
    assertThat(h.getOutput()).containsExactly("x", "x", "x", "x", "x", "null");
  }

  @Test
  void listElementsAndMapEntriesExpireOneByOne() throws Exception {
    var h = harness(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 0);
    h.processElement("a:add:1");
    h.processElement("a:mput:k1");
    h.advanceProcessingTime(Duration.ofSeconds(6));
    h.processElement("a:add:2");
    h.processElement("a:mput:k2");
    h.processElement("a:list");
    h.processElement("a:map");
    h.advanceProcessingTime(Duration.ofSeconds(5));
    h.processElement("a:list");
    h.processElement("a:map");
    h.advanceProcessingTime(Duration.ofSeconds(6));
    h.processElement("a:list");
    h.processElement("a:map");
    assertThat(h.getOutput()).containsExactly("[1, 2]", "[k1, k2]", "[2]", "[k2]", "[]", "[]");
    assertThat(h.numKeyedStateEntries("list")).isZero();
    assertThat(h.numKeyedStateEntries("map")).isZero();
  }

  @Test
  void incrementalCleanupRemovesExpiredKeysThatAreNeverTouchedAgain() throws Exception {
    var h = harness(StateTtlConfig.UpdateType.ON_CREATE_AND_WRITE, 10);
    for (int i = 0; i < 200; i++) {
      h.processElement("k" + i + ":put:v");
    }
    assertThat(h.numKeyedStateEntries("value")).isEqualTo(200);
    h.advanceProcessingTime(Duration.ofSeconds(11));
    for (int i = 0; i < 40; i++) {
      h.processElement("other:get");
    }
    assertThat(h.numKeyedStateEntries("value")).isZero();
  }
}
