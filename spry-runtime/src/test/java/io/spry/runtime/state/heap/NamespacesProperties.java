package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.api.windowing.windows.TimeWindow;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A key's values by namespace (two in fields, more in a hash map) against a {@code HashMap} under
 * random puts, gets and removes of namespaces that are equal but not the same object, with walks
 * and copies after every step.
 */
class NamespacesProperties {

  @Property(tries = 300)
  void behavesAsAMap(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int distinct,
      @ForAll @IntRange(min = 1, max = 200) int steps) {
    Random random = new Random(seed);
    Namespaces n = new Namespaces();
    Map<Object, Object> model = new HashMap<>();
    for (int step = 0; step < steps; step++) {
      // a fresh object each time: equal windows must be found by equals, not identity
      long start = random.nextInt(distinct) * 10L;
      TimeWindow w = new TimeWindow(start, start + 10);
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          String v = "v" + step;
          n.put(w, v);
          model.put(w, v);
        }
        case 2 -> assertThat(n.remove(w)).isEqualTo(model.remove(w));
        default -> assertThat(n.get(w)).isEqualTo(model.get(w));
      }
      assertSame(n, model);
      assertSame(n.copy(v -> v + "'"), copyOf(model));
    }
    for (Object w : model.keySet().toArray()) {
      assertThat(n.remove(w)).isEqualTo(model.remove(w));
      assertSame(n, model);
    }
    assertThat(n.isEmpty()).isTrue();
  }

  private static Map<Object, Object> copyOf(Map<Object, Object> model) {
    Map<Object, Object> c = new HashMap<>();
    model.forEach((k, v) -> c.put(k, v + "'"));
    return c;
  }

  private static void assertSame(Namespaces n, Map<Object, Object> model) {
    assertThat(n.size()).isEqualTo(model.size());
    assertThat(n.isEmpty()).isEqualTo(model.isEmpty());
    Map<Object, Object> walked = new HashMap<>();
    n.forEach((k, v) -> assertThat(walked.put(k, v)).as("namespace %s twice", k).isNull());
    assertThat(walked).isEqualTo(model);
    for (Map.Entry<Object, Object> e : model.entrySet()) {
      TimeWindow w = (TimeWindow) e.getKey();
      assertThat(n.get(new TimeWindow(w.getStart(), w.getEnd()))).isEqualTo(e.getValue());
    }
  }
}
