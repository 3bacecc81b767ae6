package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.KeySelector;
import io.spry.api.functions.Partitioner;

/**
 * How records travel from the subtasks of one operator to those of the next.
 *
 * @param kind the strategy
 * @param keySelector the key for {@link Kind#HASH} and {@link Kind#CUSTOM}, else null
 * @param partitioner the user's partitioner for {@link Kind#CUSTOM}, else null
 */
@Internal
public record Partitioning(Kind kind, KeySelector<?, ?> keySelector, Partitioner<?> partitioner) {

  /** The strategies. */
  public enum Kind {
    /** Subtask i to subtask i; needs equal parallelism. */
    FORWARD,
    /** Uniformly at random. */
    SHUFFLE,
    /** Round robin over all downstream subtasks. */
    REBALANCE,
    /** Round robin over a local subset of downstream subtasks. */
    RESCALE,
    /** Every record to every downstream subtask. */
    BROADCAST,
    /** Everything to downstream subtask 0. */
    GLOBAL,
    /** By the key group of the record's key. */
    HASH,
    /** By the user's partitioner applied to the record's key. */
    CUSTOM
  }

  public static Partitioning of(Kind kind) {
    return new Partitioning(kind, null, null);
  }

  public static Partitioning hash(KeySelector<?, ?> keySelector) {
    return new Partitioning(Kind.HASH, keySelector, null);
  }

  public static Partitioning custom(Partitioner<?> partitioner, KeySelector<?, ?> keySelector) {
    return new Partitioning(Kind.CUSTOM, keySelector, partitioner);
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
