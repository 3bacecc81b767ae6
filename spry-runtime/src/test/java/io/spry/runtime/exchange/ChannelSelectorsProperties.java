package io.spry.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spry.api.functions.KeySelector;
import io.spry.api.graph.Partitioning;
import io.spry.runtime.state.KeyGroups;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ChannelSelectorsProperties {

  @Property
  void hashSendsEachKeyToTheSubtaskOwningItsKeyGroup(
      @ForAll List<String> keys,
      @ForAll @IntRange(min = 1, max = 64) int p,
      @ForAll @IntRange(min = 64, max = 512) int maxP)
      throws Exception {
    KeySelector<String, String> identity = s -> s;
    ChannelSelector sel = ChannelSelectors.create(Partitioning.hash(identity), p, maxP, 0);
    for (String k : keys) {
      int c = sel.select(k);
      assertThat(c).isBetween(0, p - 1);
      assertThat(
              KeyGroups.rangeForOperator(maxP, p, c).contains(KeyGroups.assignToKeyGroup(k, maxP)))
          .isTrue();
    }
  }

  @Property
  void roundRobinIsPerfectlyEven(
      @ForAll @IntRange(min = 1, max = 32) int n,
      @ForAll @IntRange(min = 0, max = 31) int producer,
      @ForAll @IntRange(min = 1, max = 20) int rounds)
      throws Exception {
    ChannelSelector sel =
        ChannelSelectors.create(Partitioning.of(Partitioning.Kind.REBALANCE), n, 128, producer);
    int[] counts = new int[n];
    for (int i = 0; i < n * rounds; i++) {
      counts[sel.select("x")]++;
    }
    for (int c : counts) {
      assertThat(c).isEqualTo(rounds);
    }
  }

  @Property
  void shuffleStaysInRange(
      @ForAll @IntRange(min = 1, max = 100) int n, @ForAll @IntRange(min = 0, max = 9) int producer)
      throws Exception {
    ChannelSelector sel =
        ChannelSelectors.create(Partitioning.of(Partitioning.Kind.SHUFFLE), n, 128, producer);
    for (int i = 0; i < 1000; i++) {
      assertThat(sel.select(i)).isBetween(0, n - 1);
    }
  }

  /** A record with a primitive key, as Nexmark's bids are keyed by their auction id. */
  record Item(long id, long group) {}

  @Example
  void eachKeySelectorClassGetsASelectorClassOfItsOwn() throws Exception {
    KeySelector<Item, Long> byId = Item::id;
    KeySelector<Item, Long> byGroup = Item::group;
    ChannelSelector a = ChannelSelectors.create(Partitioning.hash(byId), 3, 128, 0);
    ChannelSelector b = ChannelSelectors.create(Partitioning.hash(byId), 3, 128, 1);
    ChannelSelector c = ChannelSelectors.create(Partitioning.hash(byGroup), 3, 128, 0);
    // a copy of KeyGroupSelector per key selector class, shared by that class's edges and subtasks
    assertThat(a.getClass()).isNotEqualTo(ChannelSelectors.KeyGroupSelector.class);
    assertThat(a.getClass().isHidden()).isTrue();
    assertThat(b.getClass()).isSameAs(a.getClass());
    assertThat(c.getClass())
        .isNotEqualTo(a.getClass())
        .isNotEqualTo(ChannelSelectors.KeyGroupSelector.class);
    for (long k = 0; k < 1000; k++) {
      Item item = new Item(k, k * 7 + 3);
      int expectedById =
          KeyGroups.operatorIndexForKeyGroup(128, 3, KeyGroups.assignToKeyGroup(k, 128));
      int expectedByGroup =
          KeyGroups.operatorIndexForKeyGroup(128, 3, KeyGroups.assignToKeyGroup(k * 7 + 3, 128));
      assertThat(a.select(item)).isEqualTo(expectedById);
      assertThat(b.select(item)).isEqualTo(expectedById);
      assertThat(c.select(item)).isEqualTo(expectedByGroup);
    }
    KeySelector<Item, Long> nullKey = i -> null;
    ChannelSelector n = ChannelSelectors.create(Partitioning.hash(nullKey), 3, 128, 0);
    assertThatThrownBy(() -> n.select(new Item(1, 2)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("keys must not be null");
  }

  @Example
  void aCustomPartitionerOutOfRangeIsAClearError() {
    KeySelector<Integer, Integer> id = x -> x;
    ChannelSelector sel =
        ChannelSelectors.create(Partitioning.custom((Integer k, int n) -> n, id), 3, 128, 0);
    assertThatThrownBy(() -> sel.select(1)).hasMessageContaining("returned 3 for 3 partitions");
  }

  @Property
  void rescaleTargetsCoverEveryConsumerOnce(
      @ForAll @IntRange(min = 1, max = 16) int up, @ForAll @IntRange(min = 1, max = 16) int down) {
    int[] hits = new int[down];
    for (int u = 0; u < up; u++) {
      for (int d :
          io.spry.runtime.local.DeploymentTargets.of(Partitioning.Kind.RESCALE, u, up, down)) {
        hits[d]++;
      }
    }
    // every consumer is fed; when consumers outnumber producers each has exactly one producer
    for (int h : hits) {
      assertThat(h).isGreaterThanOrEqualTo(1);
      if (down >= up) {
        assertThat(h).isEqualTo(1);
      }
    }
  }
}
