package io.spry.api.functions;

import io.spry.api.annotation.Public;
import io.spry.api.metrics.Counter;
import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;

/**
 * What a running function may see of its task: its name and place, keyed state (on a keyed stream
 * only), and counters. A function never sees the task that runs it.
 *
 * <p>Keyed state is scoped to the key of the record being processed: call the getters in {@code
 * open()} and keep the handles; their contents follow the current key.
 */
@Public
public interface RuntimeContext {

  /** The name of the operator this function belongs to. */
  String getOperatorName();

  /**
   * The name of the task (the chain of operators) with its subtask, e.g. {@code Map -> Sink (2/4)}.
   */
  String getTaskNameWithSubtask();

  /** This subtask's index, from 0. */
  int getIndexOfThisSubtask();

  /** The operator's parallelism. */
  int getNumberOfParallelSubtasks();

  /** The maximum parallelism: the number of key groups. */
  int getMaxNumberOfParallelSubtasks();

  /** A counter that is summed over all subtasks into the job's result under this name. */
  Counter getCounter(String name);

  <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor);

  <T> ListState<T> getListState(ListStateDescriptor<T> descriptor);

  <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor);

  <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor);

  <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor);
}
