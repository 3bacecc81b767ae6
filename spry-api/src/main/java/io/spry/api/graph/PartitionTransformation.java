package io.spry.api.graph;

import io.spry.api.annotation.Internal;
import java.util.List;

/** Sets how records reach the next operator; has no operator of its own. */
@Internal
public final class PartitionTransformation<T> extends Transformation<T> {
  private final Transformation<T> input;
  private final Partitioning partitioning;

  public PartitionTransformation(
      int id, Transformation<T> input, Partitioning partitioning, String callSite) {
    super(id, "Partition(" + partitioning + ")", input.getType(), callSite);
    this.input = input;
    this.partitioning = partitioning;
  }

  public Transformation<T> getInput() {
    return input;
  }

  public Partitioning getPartitioning() {
    return partitioning;
  }

  @Override
  public List<Transformation<?>> getInputs() {
    return List.of(input);
  }
}
