package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import java.util.List;

/** Merges streams of the same type; has no operator of its own. */
@Internal
public final class UnionTransformation<T> extends Transformation<T> {
  private final List<Transformation<T>> inputs;

  public UnionTransformation(int id, List<Transformation<T>> inputs, String callSite) {
    super(id, "Union", inputs.get(0).getType(), callSite);
    this.inputs = List.copyOf(inputs);
  }

  public List<Transformation<T>> getUnionInputs() {
    return inputs;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.copyOf(inputs);
  }
}
