package io.spry.runtime.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A chain of operators fused into one task, run as {@code parallelism} subtasks.
 *
 * @param id the vertex's number in the plan, from 1
 * @param nodes the chained operators, each after the one that feeds it (head first)
 * @param inputs the edges from other vertices into the head
 * @param outputs the edges from any chained operator to other vertices
 */
public record PlanVertex(
    int id, List<PlanNode> nodes, List<PlanEdge> inputs, List<PlanEdge> outputs) {

  public PlanNode head() {
    return nodes.get(0);
  }

  public int parallelism() {
    return head().parallelism();
  }

  /** Whether every operator is cooperative; otherwise the task gets threads of its own. */
  public boolean isCooperative() {
    return nodes.stream().noneMatch(PlanNode::isBlocking);
  }

  /** The operators' names joined by arrows, e.g. {@code Source: numbers -> Map -> Filter}. */
  public String name() {
    return nodes.stream().map(PlanNode::name).collect(Collectors.joining(" -> "));
  }

  @Override
  public String toString() {
    return "[" + id + "] " + name();
  }
}
