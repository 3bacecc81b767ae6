package io.spry.runtime.operator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The timer heap against a sorted-set model under random adds, deletes and polls. */
class TimerQueueProperties {

  record Op(int kind, long ts, int key) {}

  @Property
  void behavesLikeASortedSet(
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 2) Integer> kinds,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 50) Integer> times,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 4) Integer> keys) {
    int n = Math.min(kinds.size(), Math.min(times.size(), keys.size()));
    TimerQueue<Object, String> q = new TimerQueue<>();
    TreeSet<long[]> model =
        new TreeSet<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    for (int i = 0; i < n; i++) {
      long ts = times.get(i);
      int key = keys.get(i);
      switch (kinds.get(i)) {
        case 0 ->
            assertThat(q.add(new Timer<>(ts, key, "ns")))
                .isEqualTo(model.add(new long[] {ts, key}));
        case 1 ->
            assertThat(q.remove(new Timer<>(ts, key, "ns")))
                .isEqualTo(model.remove(new long[] {ts, key}));
        default -> {
          Timer<Object, String> t = q.pollDue(ts);
          long[] first = model.isEmpty() ? null : model.first();
          if (first == null || first[0] > ts) {
            assertThat(t).isNull();
          } else {
            assertThat(t).isNotNull();
            assertThat(t.timestamp()).isEqualTo(first[0]);
            model.remove(new long[] {t.timestamp(), (Integer) t.key()});
          }
        }
      }
      assertThat(q.size()).isEqualTo(model.size());
    }
    List<Long> drained = new ArrayList<>();
    Timer<Object, String> t;
    while ((t = q.pollDue(Long.MAX_VALUE)) != null) {
      drained.add(t.timestamp());
    }
    assertThat(drained).isSorted().hasSize(model.size());
  }
}
