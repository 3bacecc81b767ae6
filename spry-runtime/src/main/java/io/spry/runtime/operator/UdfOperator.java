package io.spry.runtime.operator;

import io.spry.api.functions.Function;
import io.spry.api.functions.RichFunction;

/** An operator around a user function: runs the function's {@code open}/{@code close}. */
public abstract class UdfOperator<F extends Function, OUT> extends StreamOperator<OUT> {
  protected final F function;

  protected UdfOperator(F function) {
    this.function = function;
  }

  @Override
  public void initializeState(io.spry.runtime.checkpoint.RestoredState restored, boolean isRestored)
      throws Exception {
    super.initializeState(restored, isRestored);
    if (function instanceof io.spry.api.checkpoint.CheckpointedFunction cf) {
      cf.initializeState(new InitializationContext(isRestored));
    }
  }

  @Override
  public void snapshotState(
      io.spry.runtime.checkpoint.SubtaskState out, long checkpointId, long timestamp)
      throws Exception {
    if (function instanceof io.spry.api.checkpoint.CheckpointedFunction cf) {
      cf.snapshotState(
          new io.spry.api.checkpoint.FunctionSnapshotContext() {
            @Override
            public long getCheckpointId() {
              return checkpointId;
            }

            @Override
            public long getCheckpointTimestamp() {
              return timestamp;
            }
          });
    }
    super.snapshotState(out, checkpointId, timestamp);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    if (function instanceof io.spry.api.checkpoint.CheckpointListener l) {
      l.notifyCheckpointComplete(checkpointId);
    }
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    if (function instanceof io.spry.api.checkpoint.CheckpointListener l) {
      l.notifyCheckpointAborted(checkpointId);
    }
  }

  /** What a {@code CheckpointedFunction} gets in {@code initializeState}. */
  private final class InitializationContext
      implements io.spry.api.checkpoint.FunctionInitializationContext {
    private final boolean isRestored;

    InitializationContext(boolean isRestored) {
      this.isRestored = isRestored;
    }

    @Override
    public boolean isRestored() {
      return isRestored;
    }

    @Override
    public io.spry.api.checkpoint.OperatorStateStore getOperatorStateStore() {
      return operatorStates();
    }

    @Override
    public io.spry.api.state.KeyedStateStore getKeyedStateStore() {
      if (!context.isKeyed()) {
        return null;
      }
      io.spry.api.functions.RuntimeContext rc = context.runtimeContext();
      return new io.spry.api.state.KeyedStateStore() {
        @Override
        public <T> io.spry.api.state.ValueState<T> getState(
            io.spry.api.state.ValueStateDescriptor<T> d) {
          return rc.getState(d);
        }

        @Override
        public <T> io.spry.api.state.ListState<T> getListState(
            io.spry.api.state.ListStateDescriptor<T> d) {
          return rc.getListState(d);
        }

        @Override
        public <T> io.spry.api.state.ReducingState<T> getReducingState(
            io.spry.api.state.ReducingStateDescriptor<T> d) {
          return rc.getReducingState(d);
        }

        @Override
        public <IN, ACC, OUT> io.spry.api.state.AggregatingState<IN, OUT> getAggregatingState(
            io.spry.api.state.AggregatingStateDescriptor<IN, ACC, OUT> d) {
          return rc.getAggregatingState(d);
        }

        @Override
        public <K, V> io.spry.api.state.MapState<K, V> getMapState(
            io.spry.api.state.MapStateDescriptor<K, V> d) {
          return rc.getMapState(d);
        }
      };
    }
  }

  @Override
  public void open() throws Exception {
    if (function instanceof RichFunction rich) {
      rich.setRuntimeContext(context.runtimeContext());
      rich.open();
    }
  }

  @Override
  public void close() throws Exception {
    if (function instanceof RichFunction rich) {
      rich.close();
    }
  }

  public F getFunction() {
    return function;
  }
}
