package io.spry.runtime.operator;

import io.spry.api.functions.RuntimeContext;
import io.spry.api.metrics.Counter;
import io.spry.api.state.AggregatingState;
import io.spry.api.state.AggregatingStateDescriptor;
import io.spry.api.state.ListState;
import io.spry.api.state.ListStateDescriptor;
import io.spry.api.state.MapState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReducingState;
import io.spry.api.state.ReducingStateDescriptor;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.state.ValueState;
import io.spry.api.state.ValueStateDescriptor;
import io.spry.runtime.state.KeyedStateBackend;

/** The {@link RuntimeContext} of a function in a running operator. */
final class StreamingRuntimeContext implements RuntimeContext {
  private final OperatorContext ctx;
  private final java.util.Map<String, Counter> counters = new java.util.HashMap<>();

  StreamingRuntimeContext(OperatorContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String getOperatorName() {
    return ctx.operatorName();
  }

  @Override
  public String getTaskNameWithSubtask() {
    return ctx.taskName();
  }

  @Override
  public int getIndexOfThisSubtask() {
    return ctx.subtaskIndex();
  }

  @Override
  public int getNumberOfParallelSubtasks() {
    return ctx.parallelism();
  }

  @Override
  public int getMaxNumberOfParallelSubtasks() {
    return ctx.maxParallelism();
  }

  @Override
  public Counter getCounter(String name) {
    return counters.computeIfAbsent(name, n -> ctx.counters().counter(n));
  }

  private <S extends State> S state(StateDescriptor<S, ?> descriptor) {
    KeyedStateBackend backend = ctx.keyedBackend();
    if (backend == null) {
      throw new IllegalStateException(
          "Keyed state ('"
              + descriptor.getName()
              + "') is only available on a keyed stream, but '"
              + ctx.operatorName()
              + "' (made at "
              + ctx.callSite()
              + ") is not keyed: call keyBy(...) before it");
    }
    return backend.getOrCreateState(descriptor);
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return state(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return state(descriptor);
  }

  @Override
  public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
    return state(descriptor);
  }
}
