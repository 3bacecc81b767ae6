package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import io.spry.api.types.TypeInfo;
import java.util.List;

/** Merges streams of the same type; has no operator of its own. */
@Internal
public final class UnionTransformation<T> extends Transformation<T> {
  private List<Transformation<T>> inputs;

  public UnionTransformation(int id, List<Transformation<T>> inputs, String callSite) {
    super(id, "Union", inputs.get(0).getType(), callSite);
    this.inputs = List.copyOf(inputs);
  }

  /**
   * A union whose inputs are set later ({@link #setUnionInputs}), when the job is submitted: the
   * dead letters of all operators.
   */
  public UnionTransformation(int id, String name, TypeInfo<T> type, String callSite) {
    super(id, name, type, callSite);
    this.inputs = List.of();
  }

  public void setUnionInputs(List<Transformation<T>> inputs) {
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
