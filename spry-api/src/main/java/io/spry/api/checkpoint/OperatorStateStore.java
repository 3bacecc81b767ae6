package io.spry.api.checkpoint;

import io.spry.api.annotation.Public;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapStateDescriptor;

/**
 * Operator state: state of one subtask, not scoped to a key. How it is shared out when a job
 * restores at another parallelism depends on the kind.
 */
@Public
public interface OperatorStateStore {

  /**
   * A list whose elements are spread evenly over the subtasks on restore: with {@code n} old
   * subtasks' lists and {@code m} new subtasks, each new one gets about {@code total/m} elements.
   * For state that can be split, like a set of partitions with offsets.
   */
  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  /** A list of which every subtask gets the union of all subtasks' elements on restore. */
  <T> ListState<T> getUnionListState(ListStateDescriptor<T> descriptor);

  /**
   * Broadcast state: the same map on every subtask. A snapshot keeps one copy and a restore gives
   * it to every subtask, at any parallelism.
   */
  <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor);
}
