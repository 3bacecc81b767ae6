package io.spry.runtime.operator.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The timer heap and its open-addressing index against a sorted-set model under random adds,
 * lookups, deletes and polls.
 */
class TimerQueueProperties {

  /** A timer as the model holds it. */
  record T(long ts, int key, String ns) {}

  private static final Comparator<T> ORDER =
      Comparator.comparingLong(T::ts).thenComparingInt(T::key).thenComparing(T::ns);

  @Property
  void behavesLikeASortedSet(
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 7) Integer> kinds,
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 50) Integer> times,
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 60) Integer> keys,
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 2) Integer> namespaces) {
    int n =
        Math.min(Math.min(kinds.size(), times.size()), Math.min(keys.size(), namespaces.size()));
    TimerQueue<Object, String> q = new TimerQueue<>();
    TreeSet<T> model = new TreeSet<>(ORDER);
    for (int i = 0; i < n; i++) {
      long ts = times.get(i);
      int key = keys.get(i);
      String ns = "ns" + namespaces.get(i);
      T m = new T(ts, key, ns);
      switch (kinds.get(i)) {
        case 0 -> assertThat(q.add(ts, key, ns)).isEqualTo(model.add(m));
        case 1 -> assertThat(q.add(new Timer<>(ts, key, ns))).isEqualTo(model.add(m));
        case 2 -> assertThat(q.remove(ts, key, ns)).isEqualTo(model.remove(m));
        case 3 -> assertThat(q.contains(ts, key, ns)).isEqualTo(model.contains(m));
        case 6 -> {
          // a run of due timers: they stay registered, and come out of pollDue in order
          int max = 1 + key % 5;
          Object[] runKeys = new Object[max];
          int taken = q.takeDue(ts, runKeys, max);
          List<T> due =
              model.headSet(new T(ts + 1, Integer.MIN_VALUE, ""), false).stream().toList();
          assertThat(taken).isEqualTo(Math.min(max, due.size()));
          if (taken > 0) {
            // the earliest timers: all before the last one's time, and some at that time
            long last = due.get(taken - 1).ts();
            List<Integer> earlier = new ArrayList<>();
            List<Integer> atLast = new ArrayList<>();
            for (T d : due) {
              if (d.ts() < last) {
                earlier.add(d.key());
              } else if (d.ts() == last) {
                atLast.add(d.key());
              }
            }
            List<Object> got = new ArrayList<>(Arrays.asList(runKeys).subList(0, taken));
            for (Integer k : earlier) {
              assertThat(got.remove(k)).as("run holds %s", k).isTrue();
            }
            assertThat(atLast).containsAll(got.stream().map(Integer.class::cast).toList());
          }
        }
        case 7 -> {
          Timer<Object, String> p = q.peek();
          if (model.isEmpty()) {
            assertThat(p).isNull();
          } else {
            assertThat(p.timestamp()).isEqualTo(model.first().ts());
          }
        }
        default -> {
          Timer<Object, String> t = q.pollDue(ts);
          T first = model.isEmpty() ? null : model.first();
          if (first == null || first.ts() > ts) {
            assertThat(t).isNull();
          } else {
            assertThat(t).isNotNull();
            assertThat(t.timestamp()).isEqualTo(first.ts());
            assertThat(model.remove(new T(t.timestamp(), (Integer) t.key(), t.namespace())))
                .isTrue();
            assertThat(q.contains(t.timestamp(), t.key(), t.namespace())).isFalse();
          }
        }
      }
      assertThat(q.size()).isEqualTo(model.size());
    }
    assertThat(asModel(q.all())).isEqualTo(new HashSet<>(model));
    List<Long> drained = new ArrayList<>();
    Timer<Object, String> t;
    while ((t = q.pollDue(Long.MAX_VALUE)) != null) {
      drained.add(t.timestamp());
    }
    assertThat(drained).isSorted().hasSize(model.size());
    assertThat(q.size()).isZero();
    assertThat(q.peek()).isNull();
  }

  /** Many timers with colliding parts: growth, long probe runs and deletion from their middle. */
  @Test
  void manyTimersComeAndGo() {
    TimerQueue<Object, String> q = new TimerQueue<>();
    TreeSet<T> model = new TreeSet<>(ORDER);
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 20_000; round++) {
      long ts = random.nextInt(2_000);
      int key = random.nextInt(500);
      String ns = "w" + random.nextInt(3);
      int op = random.nextInt(10);
      if (op < 6) {
        assertThat(q.add(ts, key, ns)).isEqualTo(model.add(new T(ts, key, ns)));
      } else if (op < 8) {
        assertThat(q.remove(ts, key, ns)).isEqualTo(model.remove(new T(ts, key, ns)));
      } else {
        long due = random.nextInt(2_000);
        Timer<Object, String> t;
        while ((t = q.pollDue(due)) != null) {
          T first = model.pollFirst();
          assertThat(first).isNotNull();
          assertThat(t.timestamp()).isEqualTo(first.ts());
          model.add(first);
          assertThat(model.remove(new T(t.timestamp(), (Integer) t.key(), t.namespace()))).isTrue();
        }
        assertThat(model.isEmpty() || model.first().ts() > due).isTrue();
      }
      assertThat(q.size()).isEqualTo(model.size());
    }
    for (T m : model) {
      assertThat(q.contains(m.ts(), m.key(), m.ns())).isTrue();
    }
    assertThat(asModel(q.all())).isEqualTo(new HashSet<>(model));
  }

  @Test
  void aDeletedTimerAddedAgainFiresOnce() {
    TimerQueue<Object, String> q = new TimerQueue<>();
    Timer<Object, String> t = new Timer<>(5, 1, "ns");
    assertThat(q.add(t)).isTrue();
    assertThat(q.remove(t)).isTrue();
    assertThat(q.add(t)).isTrue();
    assertThat(q.pollDue(10)).isNotNull();
    assertThat(q.pollDue(10)).isNull();
    assertThat(q.size()).isZero();
  }

  private static Set<T> asModel(Iterable<Timer<Object, String>> timers) {
    Set<T> s = new HashSet<>();
    for (Timer<Object, String> t : timers) {
      assertThat(s.add(new T(t.timestamp(), (Integer) t.key(), t.namespace()))).isTrue();
    }
    return s;
  }
}
