package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;
import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;

/**
 * Processes a keyed stream connected with a broadcast stream (the broadcast state pattern): rules
 * arrive on the broadcast side and update broadcast state; events arrive keyed, read the rules, and
 * keep keyed state and timers.
 *
 * @param <K> the key of the keyed input
 * @param <IN1> the keyed input
 * @param <IN2> the broadcast input
 * @param <OUT> the output
 */
@Public
public abstract class KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out)
      throws Exception;

  /** A timer registered by {@code processElement} fired. */
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {}

  /** What every method may see. */
  public abstract class BaseContext {
    public abstract Long timestamp();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }

  /** The broadcast side: changes broadcast state and may visit the keyed state of every key. */
  public abstract class Context extends BaseContext {
    public abstract <K2, V> BroadcastState<K2, V> getBroadcastState(MapStateDescriptor<K2, V> d);

    /** Applies {@code function} to the state of every key this subtask holds. */
    public abstract <S extends State, T> void applyToKeyedState(
        StateDescriptor<S, T> descriptor, KeyedStateFunction<K, S> function) throws Exception;
  }

  /** The keyed side: reads broadcast state; keyed state and timers for the current key. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <K2, V> ReadOnlyBroadcastState<K2, V> getBroadcastState(
        MapStateDescriptor<K2, V> d);

    public abstract TimerService timerService();

    public abstract K getCurrentKey();
  }

  /** The context of {@link #onTimer}. */
  public abstract class OnTimerContext extends ReadOnlyContext {
    public abstract TimeDomain timeDomain();
  }
}
