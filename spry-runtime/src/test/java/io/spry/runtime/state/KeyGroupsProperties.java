package io.spry.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.tuple.Tuple2;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class KeyGroupsProperties {

  @Property
  void keyGroupIsInRange(@ForAll int hash, @ForAll @IntRange(min = 1, max = 32768) int maxP) {
    int kg = KeyGroups.computeKeyGroupForHash(hash, maxP);
    assertThat(kg).isBetween(0, maxP - 1);
  }

  @Property
  void rangesPartitionAllKeyGroupsContiguously(
      @ForAll @IntRange(min = 1, max = 32768) int maxP,
      @ForAll @IntRange(min = 1, max = 512) int p) {
    if (p > maxP) {
      return;
    }
    int next = 0;
    for (int i = 0; i < p; i++) {
      KeyGroupRange r = KeyGroups.rangeForOperator(maxP, p, i);
      assertThat(r.start()).isEqualTo(next);
      assertThat(r.size()).isGreaterThanOrEqualTo(maxP / p).isLessThanOrEqualTo(maxP / p + 1);
      next = r.end() + 1;
    }
    assertThat(next).isEqualTo(maxP);
  }

  @Property
  void operatorIndexIsTheOwnerOfTheRange(
      @ForAll @IntRange(min = 1, max = 4096) int maxP,
      @ForAll @IntRange(min = 1, max = 256) int p,
      @ForAll @IntRange(min = 0, max = 4095) int kg) {
    if (p > maxP || kg >= maxP) {
      return;
    }
    int owner = KeyGroups.operatorIndexForKeyGroup(maxP, p, kg);
    assertThat(owner).isBetween(0, p - 1);
    assertThat(KeyGroups.rangeForOperator(maxP, p, owner).contains(kg)).isTrue();
  }

  @Property
  void keyGroupIsAPureFunctionOfTheKey(
      @ForAll String key, @ForAll @IntRange(min = 1, max = 1024) int maxP) {
    assertThat(KeyGroups.assignToKeyGroup(key, maxP))
        .isEqualTo(KeyGroups.assignToKeyGroup(new String(key.toCharArray()), maxP));
  }

  enum Color {
    RED,
    GREEN
  }

  record Point(int x, Color c, String label) {}

  @Example
  void hashesAreFixedValuesIndependentOfTheJvm() {
    // Fixed expectations computed from the rules (String.hashCode, names of enums, 31 * h + part):
    // if any of these change, savepoints taken by another JVM would no longer match.
    assertThat(KeyHashing.hash("spry")).isEqualTo("spry".hashCode()).isEqualTo(3537252);
    assertThat(KeyHashing.hash(42L)).isEqualTo(42);
    assertThat(KeyHashing.hash(Color.GREEN)).isEqualTo("GREEN".hashCode());
    assertThat(KeyHashing.hash(new Point(3, Color.RED, "a")))
        .isEqualTo(31 * (31 * 3 + "RED".hashCode()) + "a".hashCode());
    assertThat(KeyHashing.hash(Tuple2.of("k", Color.RED)))
        .isEqualTo(31 * "k".hashCode() + "RED".hashCode());
    assertThat(KeyHashing.hash(List.of(Color.RED, Color.GREEN)))
        .isEqualTo(31 * (31 + "RED".hashCode()) + "GREEN".hashCode());
  }

  static final class NoHashCode {}

  @Example
  void keysWithIdentityHashCodesAreRejected() {
    assertThatThrownBy(() -> KeyHashing.hash(new NoHashCode()))
        .hasMessageContaining("does not override hashCode()")
        .hasMessageContaining(NoHashCode.class.getName());
  }

  @Example
  void parallelismAboveMaxParallelismSaysHowToFix() {
    assertThatThrownBy(() -> KeyGroups.checkBounds(128, 200))
        .hasMessageContaining("setMaxParallelism");
  }
}
