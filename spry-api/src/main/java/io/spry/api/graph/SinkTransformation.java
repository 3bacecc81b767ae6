package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.connector.sink.Sink;
import io.spry.api.functions.SinkFunction;
import java.util.List;

/** The end of a stream: a {@link Sink} or a {@link SinkFunction} (exactly one is set). */
@Internal
public final class SinkTransformation<T> extends Transformation<Object> {
  private final Transformation<T> input;
  private final Sink<T> sink;
  private final SinkFunction<T> sinkFunction;

  public SinkTransformation(
      int id,
      String name,
      Transformation<T> input,
      Sink<T> sink,
      SinkFunction<T> sinkFunction,
      String callSite) {
    super(id, name, null, callSite);
    this.input = input;
    this.sink = sink;
    this.sinkFunction = sinkFunction;
    setBlocking(sink == null || sink.isBlocking());
  }

  public Transformation<T> getInput() {
    return input;
  }

  public Sink<T> getSink() {
    return sink;
  }

  public SinkFunction<T> getSinkFunction() {
    return sinkFunction;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
