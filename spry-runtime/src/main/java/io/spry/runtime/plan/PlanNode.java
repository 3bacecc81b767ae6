package io.spry.runtime.plan;

import io.spry.api.graph.ChainingStrategy;
import io.spry.api.graph.Transformation;
import java.util.ArrayList;
import java.util.List;

/** An operator of the plan: a transformation that does work, with its resolved settings. */
public final class PlanNode {
  final Transformation<?> transformation;
  final int parallelism;
  final String slotSharingGroup;
  final List<PlanEdge> inputs = new ArrayList<>();
  final List<PlanEdge> outputs = new ArrayList<>();
  PlanVertex vertex;

  PlanNode(Transformation<?> transformation, int parallelism, String slotSharingGroup) {
    this.transformation = transformation;
    this.parallelism = parallelism;
    this.slotSharingGroup = slotSharingGroup;
  }

  public Transformation<?> transformation() {
    return transformation;
  }

  /**
   * The id that matches this operator's state in a checkpoint or savepoint: the user's {@code
   * uid(...)}, or else one made of the operator's name and its place in the program (stable while
   * the program does not change; set uids to change programs and keep state).
   */
  public String uid() {
    Transformation<?> t = transformation();
    return t.getUid() != null ? t.getUid() : name() + "#" + t.getId();
  }

  public String name() {
    return transformation.getName();
  }

  public int parallelism() {
    return parallelism;
  }

  public String slotSharingGroup() {
    return slotSharingGroup;
  }

  public List<PlanEdge> inputs() {
    return inputs;
  }

  public List<PlanEdge> outputs() {
    return outputs;
  }

  public PlanVertex vertex() {
    return vertex;
  }

  public boolean isBlocking() {
    return transformation.isBlocking();
  }

  ChainingStrategy chaining() {
    return transformation.getChaining();
  }

  @Override
  public String toString() {
    return name() + "#" + transformation.getId();
  }
}
