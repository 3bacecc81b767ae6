package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.connector.source.Source;
import io.spry.api.eventtime.WatermarkStrategy;
import java.util.List;

/** A {@link Source} with its watermark strategy. */
@Internal
public final class SourceTransformation<T> extends Transformation<T> {
  private final Source<T, ?> source;
  private final WatermarkStrategy<T> watermarkStrategy;

  public SourceTransformation(
      int id,
      String name,
      Source<T, ?> source,
      WatermarkStrategy<T> watermarkStrategy,
      String callSite) {
    super(id, name, source.getProducedType(), callSite);
    this.source = source;
    this.watermarkStrategy = watermarkStrategy;
    setBlocking(source.isBlocking());
  }

  public Source<T, ?> getSource() {
    return source;
  }

  public WatermarkStrategy<T> getWatermarkStrategy() {
    return watermarkStrategy;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of();
  }
}
