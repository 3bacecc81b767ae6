package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.SourceFunction;
import io.spry.api.types.TypeInfo;
import java.util.List;

/** A user's {@link SourceFunction}; it runs on a thread of its own per subtask. */
@Internal
public final class SourceFunctionTransformation<T> extends Transformation<T> {
  private final SourceFunction<T> function;

  public SourceFunctionTransformation(
      int id, String name, SourceFunction<T> function, TypeInfo<T> type, String callSite) {
    super(id, name, type, callSite);
    this.function = function;
    setBlocking(true);
  }

  public SourceFunction<T> getFunction() {
    return function;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of();
  }
}
