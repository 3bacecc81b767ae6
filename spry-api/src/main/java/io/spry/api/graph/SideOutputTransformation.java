package io.spry.api.graph;

import io.spry.api.OutputTag;
import io.spry.api.annotation.Internal;
import java.util.List;

/** The records an operator emitted to a side output; has no operator of its own. */
@Internal
public final class SideOutputTransformation<T> extends Transformation<T> {
  private final Transformation<?> input;
  private final OutputTag<T> tag;

  public SideOutputTransformation(
      int id, Transformation<?> input, OutputTag<T> tag, String callSite) {
    super(id, "SideOutput(" + tag.getId() + ")", tag.getType(), callSite);
    this.input = input;
    this.tag = tag;
  }

  public Transformation<?> getInput() {
    return input;
  }

  public OutputTag<T> getTag() {
    return tag;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
