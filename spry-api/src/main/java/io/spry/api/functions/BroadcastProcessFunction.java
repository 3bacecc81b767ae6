package io.spry.api.functions;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Public;
import io.spry.api.state.BroadcastState;
import io.spry.api.state.MapStateDescriptor;
import io.spry.api.state.ReadOnlyBroadcastState;

/**
 * Processes a (non-keyed) stream connected with a broadcast stream: broadcast elements update the
 * broadcast state, which every subtask holds in full; elements of the other stream read it.
 *
 * @param <IN1> the non-broadcast input
 * @param <IN2> the broadcast input
 * @param <OUT> the output
 */
@Public
public abstract class BroadcastProcessFunction<IN1, IN2, OUT> extends AbstractRichFunction {

  public abstract void processElement(IN1 value, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception;

  public abstract void processBroadcastElement(IN2 value, Context ctx, Collector<OUT> out)
      throws Exception;

  /** What both methods may see. */
  public abstract class BaseContext {
    /** The element's timestamp, or null. */
    public abstract Long timestamp();

    public abstract long currentProcessingTime();

    public abstract long currentWatermark();

    public abstract <X> void output(OutputTag<X> tag, X value);
  }

  /** The broadcast side: may change the broadcast state. */
  public abstract class Context extends BaseContext {
    public abstract <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> d);
  }

  /** The non-broadcast side: reads the broadcast state. */
  public abstract class ReadOnlyContext extends BaseContext {
    public abstract <K, V> ReadOnlyBroadcastState<K, V> getBroadcastState(
        MapStateDescriptor<K, V> d);
  }
}
