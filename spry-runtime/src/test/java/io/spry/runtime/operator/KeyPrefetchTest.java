package io.spry.runtime.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.KeySelector;
import io.spry.runtime.state.KeyGroups;
import io.spry.runtime.state.heap.HeapKeyedStateBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A prefetched batch's keys go to their own records, and the key selector runs once per record. */
class KeyPrefetchTest {
  /** A record; keys are its {@code id}, except that {@code bad} records have none. */
  record Rec(long id, boolean bad) {}

  private final List<Rec> selected = new ArrayList<>();
  private final KeySelector<Rec, Long> selector =
      r -> {
        selected.add(r);
        if (r.bad()) {
          throw new IllegalArgumentException("no key in " + r);
        }
        return r.id();
      };
  private final KeyPrefetch<Rec> keys =
      new KeyPrefetch<>(
          selector, new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128));

  private static Object[] batch(Rec... records) {
    return records;
  }

  @Test
  void eachRecordGetsItsPrefetchedKeyAndTheSelectorRunsOnce() throws Exception {
    Rec a = new Rec(1, false);
    Rec b = new Rec(2, false);
    Rec c = new Rec(1, false); // equal to a, but another record
    keys.prefetch(batch(a, b, c), 3);
    assertThat(keys.keyOf(a)).isEqualTo(1L);
    assertThat(keys.keyOf(b)).isEqualTo(2L);
    assertThat(keys.keyOf(c)).isEqualTo(1L);
    assertThat(selected).containsExactly(a, b, c);
  }

  @Test
  void aRecordOutsideTheBatchGetsItsKeyFromTheSelector() throws Exception {
    Rec a = new Rec(1, false);
    Rec b = new Rec(2, false);
    Rec other = new Rec(3, false);
    keys.prefetch(batch(a, b), 2);
    assertThat(keys.keyOf(other)).isEqualTo(3L); // not a's key
    assertThat(keys.keyOf(a)).isEqualTo(1L);
    assertThat(keys.keyOf(b)).isEqualTo(2L);
    assertThat(keys.keyOf(b)).isEqualTo(2L); // the batch is used up: computed again
    assertThat(selected).containsExactly(a, b, other, b);
  }

  @Test
  void aSelectorThatFailsInTheBatchFailsAgainWhenItsRecordIsProcessed() throws Exception {
    Rec good = new Rec(1, false);
    Rec bad = new Rec(2, true);
    Rec after = new Rec(3, false);
    keys.prefetch(batch(good, bad, after), 3); // does not throw
    assertThat(keys.keyOf(good)).isEqualTo(1L);
    assertThatThrownBy(() -> keys.keyOf(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no key in");
    assertThat(keys.keyOf(after)).isEqualTo(3L);
    assertThat(selected).containsExactly(good, bad, after, bad);
  }

  @Test
  void aNewBatchReplacesWhatIsLeftOfTheLastOne() throws Exception {
    Rec a = new Rec(1, false);
    Rec b = new Rec(2, false);
    Rec c = new Rec(3, false);
    keys.prefetch(batch(a, b), 2);
    assertThat(keys.keyOf(a)).isEqualTo(1L);
    keys.prefetch(batch(c), 1); // b was never delivered (its processing failed, say)
    assertThat(keys.keyOf(c)).isEqualTo(3L);
    assertThat(keys.keyOf(b)).isEqualTo(2L);
    assertThat(selected).containsExactly(a, b, c, b);
  }

  /** A mutable record whose key the function may change. */
  static final class Box {
    long key;

    Box(long key) {
      this.key = key;
    }
  }

  @Test
  void anObjectThatComesTwiceInABatchHasItsKeyComputedWhenItComes() throws Exception {
    List<Box> boxes = new ArrayList<>();
    KeyPrefetch<Box> boxKeys =
        new KeyPrefetch<>(
            b -> {
              boxes.add(b);
              return b.key;
            },
            new HeapKeyedStateBackend(KeyGroups.rangeForOperator(128, 1, 0), 128));
    Box x = new Box(1);
    Box y = new Box(2);
    boxKeys.prefetch(new Object[] {x, y, x}, 3);
    assertThat(boxKeys.keyOf(x)).isEqualTo(1L);
    x.key = 5; // the function changed it while processing it
    assertThat(boxKeys.keyOf(y)).isEqualTo(2L);
    assertThat(boxKeys.keyOf(x)).isEqualTo(5L);
    assertThat(boxes).containsExactly(x, y, x);
  }
}
