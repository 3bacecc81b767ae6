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
