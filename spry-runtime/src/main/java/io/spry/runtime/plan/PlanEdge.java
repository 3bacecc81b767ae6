package io.spry.runtime.plan;

import io.spry.api.OutputTag;
import io.spry.api.graph.Partitioning;

/**
 * A stream from one operator to another.
 *
 * @param source the producing operator
 * @param target the consuming operator
 * @param partitioning how records are routed (resolved: never null)
 * @param sideOutput the side output this edge carries, or null for the main output
 * @param input 1 or 2: which input of a two-input target this edge feeds
 * @param chained whether the two operators are fused into one task
 */
public record PlanEdge(
    PlanNode source,
    PlanNode target,
    Partitioning partitioning,
    OutputTag<?> sideOutput,
    int input,
    boolean chained) {

  PlanEdge withPartitioning(Partitioning p) {
    return new PlanEdge(source, target, p, sideOutput, input, chained);
  }

  PlanEdge asChained() {
    return new PlanEdge(source, target, partitioning, sideOutput, input, true);
  }

  /** Where the records of this edge come from, for messages, e.g. {@code Map -> Sink (HASH)}. */
  public String describe() {
    return source.name()
        + (sideOutput == null ? "" : "[" + sideOutput.getId() + "]")
        + " -> "
        + target.name()
        + " ("
        + partitioning
        + ")";
  }

  @Override
  public String toString() {
    return describe();
  }
}
