package io.spry.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;

import io.spry.runtime.state.KeyGroupRange;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.KeyHashing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The rows of a heap backend (one hash table per key group, a column per state, the current key's
 * row kept between accesses) against a model of one {@code HashMap} per column, under random reads,
 * writes, removals through the current key and through any key, cleanups and walks.
 */
class KeyRowsProperties {
  private static final int MAX_PARALLELISM = 128;
  private static final KeyGroupRange RANGE = new KeyGroupRange(32, 95);
  private static final int COLUMNS = 6; // more than the row keeps inline

  /**
   * A key whose hash codes all collide: long probe runs. A class, not a record: the engine hashes
   * records by their components, so a record's own {@code hashCode} would not collide.
   */
  static final class Colliding {
    private final int id;

    Colliding(int id) {
      this.id = id;
    }

    int id() {
      return id;
    }

    @Override
    public int hashCode() {
      return 7;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Colliding c && c.id == id;
    }

    @Override
    public String toString() {
      return "Colliding(" + id + ")";
    }
  }

  /** The keys of the range: longs (inlined), strings, colliding ones, a few of each. */
  private static List<Object> keys() {
    List<Object> keys = new ArrayList<>();
    for (long i = 0; keys.size() < 300; i++) {
      for (Object k : new Object[] {1000 + i, "user-" + i, new Colliding((int) i)}) {
        if (RANGE.contains(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM))) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  private static final List<Object> KEYS = keys();

  @Property(tries = 200)
  void behavesLikeAMapPerColumn(
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 11) Integer> ops,
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 299) Integer> keyIndexes,
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 5) Integer> columns) {
    int n = Math.min(ops.size(), Math.min(keyIndexes.size(), columns.size()));
    KeyRows rows = new KeyRows(RANGE);
    for (int c = 0; c < COLUMNS; c++) {
      assertThat(rows.addColumn(COPY)).isEqualTo(c);
    }
    java.util.Deque<Captured> captures = new java.util.ArrayDeque<>();
    List<Map<Object, Object>> model = new ArrayList<>();
    for (int c = 0; c < COLUMNS; c++) {
      model.add(new HashMap<>());
    }
    Object current = null;
    for (int i = 0; i < n; i++) {
      Object key = KEYS.get(keyIndexes.get(i));
      int c = columns.get(i);
      int kg = KeyGroups.assignToKeyGroup(key, MAX_PARALLELISM);
      Map<Object, Object> m = model.get(c);
      switch (ops.get(i)) {
        case 0 -> {
          current = key;
          rows.setCurrent(key, KeyHashing.hash(key), kg);
        }
        case 1 -> {
          // the current key again, as an equal object
          Object again = current == null ? key : copyOf(current);
          current = again;
          rows.setCurrent(
              again, KeyHashing.hash(again), KeyGroups.assignToKeyGroup(again, MAX_PARALLELISM));
        }
        case 2 -> {
          if (current != null) {
            assertThat(rows.getCurrent(c, KeyRows.bit(c))).isEqualTo(m.get(current));
          }
        }
        case 3 -> {
          if (current != null) {
            rows.setCurrent(c, "v" + i);
            m.put(current, "v" + i);
          }
        }
        case 4 -> {
          if (current != null) {
            rows.removeCurrent(c);
            m.remove(current);
          }
        }
        case 5 -> assertThat(rows.get(kg, key, c)).isEqualTo(m.get(key));
        case 6 -> {
          rows.put(kg, key, c, "p" + i);
          m.put(key, "p" + i);
        }
        case 7 -> {
          rows.remove(kg, key, c);
          m.remove(key);
        }
        case 8 -> {
          // expire every value written by an odd-numbered op
          rows.cleanupStep(c, 5, v -> ((String) v).substring(1).chars().sum() % 2 == 1 ? null : v);
          syncAfterCleanup(rows, model, c);
        }
        case 10 -> {
          // a snapshot: the rows as they are now, compared later with the model of now
          List<Map<Object, Object>> copy = new ArrayList<>();
          model.forEach(mm -> copy.add(new HashMap<>(mm)));
          captures.add(new Captured(rows.capture(), copy));
        }
        case 11 -> {
          Captured oldest = captures.poll();
          if (oldest != null) {
            for (int col = 0; col < COLUMNS; col++) {
              checkCapture(oldest.capture(), oldest.model().get(col), col);
            }
            oldest.capture().release();
          }
        }
        default -> {
          if (current != null) {
            // a key used twice in a row is found without a new lookup, and sees writes
            assertThat(rows.getCurrent(c, KeyRows.bit(c))).isEqualTo(m.get(current));
            assertThat(rows.getCurrent(c, KeyRows.bit(c))).isEqualTo(m.get(current));
          }
        }
      }
      if (current != null) {
        for (int col = 0; col < COLUMNS; col++) {
          assertThat(rows.getCurrent(col, KeyRows.bit(col))).isEqualTo(model.get(col).get(current));
        }
      }
    }
    for (int col = 0; col < COLUMNS; col++) {
      checkWalks(rows, model.get(col), col);
    }
    for (Captured c : captures) {
      for (int col = 0; col < COLUMNS; col++) {
        checkCapture(c.capture(), c.model().get(col), col);
      }
      c.capture().release();
    }
    assertThat(rows.liveCaptures()).isZero();
  }

  /** An equal key that is another object. */
  private static Object copyOf(Object key) {
    if (key instanceof Long l) {
      return Long.valueOf(l.longValue()); // keys here are above Long's cache: a new object
    }
    if (key instanceof String str) {
      return new String(str);
    }
    return new Colliding(((Colliding) key).id());
  }

  /** A copy that is a new object, so values a capture shares are replaced, not kept. */
  private static final KeyRows.Copier COPY = v -> v instanceof String s ? new String(s) : v;

  private record Captured(KeyRows.Capture capture, List<Map<Object, Object>> model) {}

  /** What a capture holds of a column, walked as a snapshot writer walks it, is the model's. */
  private static void checkCapture(KeyRows.Capture capture, Map<Object, Object> m, int c) {
    Map<Object, Object> walked = new HashMap<>();
    for (int index = 0; index < RANGE.size(); index++) {
      int kg = RANGE.start() + index;
      try {
        KeyRows.forEach(
            capture.group(index),
            c,
            (k, v) -> {
              assertThat(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM)).isEqualTo(kg);
              assertThat(walked.put(k, v)).isNull();
            });
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(walked).isEqualTo(m);
  }

  /**
   * A cleanup removes only values the predicate expires; what it removed, the model forgets. Values
   * still there must be as the model has them.
   */
  private static void syncAfterCleanup(KeyRows rows, List<Map<Object, Object>> model, int c) {
    Map<Object, Object> m = model.get(c);
    m.keySet()
        .removeIf(
            k -> {
              Object v = rows.get(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM), k, c);
              if (v == null) {
                String expected = (String) m.get(k);
                assertThat(expected.substring(1).chars().sum() % 2).isEqualTo(1);
                return true;
              }
              assertThat(v).isEqualTo(m.get(k));
              return false;
            });
    assertThat(rows.size(c)).isEqualTo(m.size());
  }

  private static void checkWalks(KeyRows rows, Map<Object, Object> m, int c) {
    assertThat(rows.size(c)).isEqualTo(m.size());
    assertThat(new HashSet<>(rows.keys(c))).isEqualTo(m.keySet());
    KeyRows.Capture capture = rows.capture();
    checkCapture(capture, m, c);
    capture.release();
    Map<Object, Object> walked = new HashMap<>(m);
    assertThat(walked).isEqualTo(m);
    List<Object> values = new ArrayList<>();
    rows.forEachValue(c, values::add);
    assertThat(values).hasSize(m.size());
  }

  /**
   * Setting the current key to an equal key (another object) finds what changed the key's row in
   * between (any-key writes and removals, a snapshot's copy), and a different key with the same
   * hash is never taken for it.
   */
  @Test
  void theSameKeyAgainSeesEveryChangeAndNoOtherKey() {
    KeyRows rows = new KeyRows(RANGE);
    int a = rows.addColumn(COPY);
    Colliding k1 = new Colliding(1);
    Colliding k2 = new Colliding(2);
    int kg = KeyGroups.assignToKeyGroup(k1, MAX_PARALLELISM);
    int hash = KeyHashing.hash(k1);
    assertThat(KeyHashing.hash(k2)).isEqualTo(hash);

    rows.setCurrent(k1, hash, kg);
    rows.setCurrent(a, "one");
    rows.setCurrent(k2, hash, kg); // same hash, another key
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isNull();
    rows.setCurrent(a, "two");
    rows.setCurrent(new Colliding(2), hash, kg);
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isEqualTo("two");

    rows.remove(kg, k2, a); // the current key's row goes through the any-key path
    rows.setCurrent(new Colliding(2), hash, kg);
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isNull();
    rows.put(kg, k2, a, "three"); // and comes back through it while the key had none
    rows.setCurrent(new Colliding(2), hash, kg);
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isEqualTo("three");

    KeyRows.Capture capture = rows.capture(); // a snapshot: the next write copies the row
    rows.setCurrent(new Colliding(2), hash, kg);
    rows.setCurrent(a, "four");
    rows.setCurrent(new Colliding(2), hash, kg);
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isEqualTo("four");
    assertThat(rows.get(kg, k2, a)).isEqualTo("four");
    Map<Object, Object> captured = new HashMap<>();
    try {
      KeyRows.forEach(capture.group(kg - RANGE.start()), a, captured::put);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(captured).isEqualTo(Map.of(k1, "one", k2, "three"));
    capture.release();

    rows.setCurrent(new Colliding(1), hash, kg);
    assertThat(rows.getCurrent(a, KeyRows.bit(a))).isEqualTo("one");
  }

  /** 100,000 keys come and go: tables grow and shrink, and nothing is lost or left. */
  @Test
  void manyKeysComeAndGo() {
    KeyRows rows = new KeyRows(RANGE);
    int a = rows.addColumn(COPY);
    int b = rows.addColumn(COPY);
    Map<Object, Object> ma = new HashMap<>();
    Map<Object, Object> mb = new HashMap<>();
    Random random = new Random(7);
    List<Long> keys = new ArrayList<>();
    for (long k = 0; keys.size() < 100_000; k++) {
      if (RANGE.contains(KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM))) {
        keys.add(k);
      }
    }
    for (int round = 0; round < 3; round++) {
      for (Long k : keys) { // fill
        rows.setCurrent(k, KeyHashing.hash(k), KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM));
        rows.setCurrent(a, k * 2);
        ma.put(k, k * 2);
        if (random.nextBoolean()) {
          rows.setCurrent(b, "b" + k);
          mb.put(k, "b" + k);
        }
      }
      for (Long k : keys) { // empty most of it, through fresh key objects
        if (random.nextInt(10) < 9) {
          Long copy = Long.valueOf(k.longValue());
          rows.setCurrent(
              copy, KeyHashing.hash(copy), KeyGroups.assignToKeyGroup(copy, MAX_PARALLELISM));
          assertThat(rows.getCurrent(a, KeyRows.bit(a))).isEqualTo(ma.get(k));
          rows.removeCurrent(a);
          ma.remove(k);
          rows.removeCurrent(b);
          mb.remove(k);
          assertThat(rows.getCurrent(a, KeyRows.bit(a))).isNull();
        }
      }
      checkWalks(rows, ma, a);
      checkWalks(rows, mb, b);
    }
    for (Long k : keys) {
      int kg = KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM);
      assertThat(rows.get(kg, k, a)).isEqualTo(ma.get(k));
      assertThat(Objects.equals(rows.get(kg, k, b), mb.get(k))).isTrue();
    }
  }

  /** A cleanup that expires everything, a few entries per call, empties the column in the end. */
  @Test
  void cleanupReachesEveryEntry() {
    KeyRows rows = new KeyRows(RANGE);
    int a = rows.addColumn(COPY);
    int b = rows.addColumn(COPY);
    for (Object k : KEYS) {
      rows.setCurrent(k, KeyHashing.hash(k), KeyGroups.assignToKeyGroup(k, MAX_PARALLELISM));
      rows.setCurrent(a, "x");
      if (k instanceof String) {
        rows.setCurrent(b, "y"); // rows that stay, without a value of column a afterwards
      }
    }
    int bs = rows.size(b);
    for (int call = 0; call < 10_000 && rows.size(a) > 0; call++) {
      rows.cleanupStep(a, 3, v -> null);
    }
    assertThat(rows.size(a)).isZero();
    assertThat(rows.keys(a)).isEmpty();
    assertThat(rows.size(b)).isEqualTo(bs);
  }
}
