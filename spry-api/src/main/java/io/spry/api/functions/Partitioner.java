package io.spry.api.functions;

import io.spry.api.annotation.Public;

/** Chooses the downstream subtask, in {@code [0, numPartitions)}, for a key. */
@Public
@FunctionalInterface
public interface Partitioner<K> extends Function {
  int partition(K key, int numPartitions);
}
