package io.spry.runtime.operator;

import io.spry.api.OutputTag;
import java.util.Map;

/**
 * An operator's main output plus its consumed side outputs. Side-output records go to the consumers
 * of their tag, or are dropped when the job reads no such side output. Watermarks go everywhere.
 */
public final class SideOutputs<T> implements Output<T> {
  private final Output<T> main;
  private final Map<String, Output<Object>> sides;

  public SideOutputs(Output<T> main, Map<String, Output<Object>> sides) {
    this.main = main;
    this.sides = Map.copyOf(sides);
  }

  @Override
  public void collect(T record, long timestamp) {
    main.collect(record, timestamp);
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    Output<Object> o = sides.get(tag.getId());
    if (o != null) {
      o.collect(record, timestamp);
    }
  }

  @Override
  public void emitWatermarkStatus(boolean idle) {
    main.emitWatermarkStatus(idle);
    for (Output<Object> o : sides.values()) {
      o.emitWatermarkStatus(idle);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    main.emitWatermark(watermark);
    for (Output<Object> o : sides.values()) {
      o.emitWatermark(watermark);
    }
  }
}
