package io.spry.runtime.plan;

import io.spry.api.JobConfig;
import java.util.List;

/**
 * A compiled job: operators fused into vertices, with resolved parallelism and edges.
 *
 * @param jobName the job's name
 * @param config the job's settings
 * @param vertices in topological order (every vertex after those that feed it)
 */
public record ExecutionPlan(String jobName, JobConfig config, List<PlanVertex> vertices) {

  /** The plan as text: one line per task, then one line per edge between tasks. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan of job '").append(jobName).append("': ");
    sb.append(vertices.size()).append(vertices.size() == 1 ? " task\n" : " tasks\n");
    for (PlanVertex v : vertices) {
      sb.append("  [")
          .append(v.id())
          .append("] ")
          .append(v.name())
          .append("  (parallelism ")
          .append(v.parallelism())
          .append(v.isCooperative() ? ", cooperative" : ", own thread per subtask")
          .append(")\n");
    }
    boolean header = false;
    for (PlanVertex v : vertices) {
      for (PlanEdge e : v.outputs()) {
        if (!header) {
          sb.append("Edges:\n");
          header = true;
        }
        sb.append("  [")
            .append(v.id())
            .append("] -> [")
            .append(e.target().vertex().id())
            .append("]  ")
            .append(e.partitioning());
        if (e.sideOutput() != null) {
          sb.append("  side output '").append(e.sideOutput().getId()).append("'");
        }
        if (e.target().inputs().size() > 1 && e.input() == 2) {
          sb.append("  (second input)");
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
