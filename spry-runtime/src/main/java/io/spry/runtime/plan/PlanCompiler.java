package io.spry.runtime.plan;

import io.spry.api.JobConfig;
import io.spry.api.OutputTag;
import io.spry.api.RuntimeMode;
import io.spry.api.execution.JobSpec;
import io.spry.api.graph.ChainingStrategy;
import io.spry.api.graph.OneInputTransformation;
import io.spry.api.graph.PartitionTransformation;
import io.spry.api.graph.Partitioning;
import io.spry.api.graph.SideOutputTransformation;
import io.spry.api.graph.SinkTransformation;
import io.spry.api.graph.SourceTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.graph.TwoInputTransformation;
import io.spry.api.graph.UnionTransformation;
import io.spry.runtime.state.KeyGroups;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the logical graph of a job into an {@link ExecutionPlan}.
 *
 * <ol>
 *   <li>Every transformation that does work becomes a {@link PlanNode}; partitionings, unions and
 *       side outputs only shape the {@link PlanEdge edges}.
 *   <li>Parallelism and slot sharing groups are resolved; an edge without an explicit partitioning
 *       is FORWARD between equal parallelisms and REBALANCE otherwise.
 *   <li>Operators are chained along edges that are FORWARD, between equal parallelisms, into an
 *       operator with one input, within one slot sharing group, where neither operator forbids it.
 * </ol>
 *
 * Mistakes in the graph fail here, before anything runs, with a message that names the operators
 * and says how to fix it.
 */
public final class PlanCompiler {
  private final JobSpec job;
  private final JobConfig config;
  private final Map<Transformation<?>, PlanNode> nodes = new LinkedHashMap<>();

  private PlanCompiler(JobSpec job) {
    this.job = job;
    this.config = job.config();
  }

  public static ExecutionPlan compile(JobSpec job) {
    return new PlanCompiler(job).compile();
  }

  private ExecutionPlan compile() {
    if (config.getRuntimeMode() == RuntimeMode.BATCH) {
      throw new UnsupportedOperationException(
          "RuntimeMode.BATCH is not available yet; run bounded jobs in STREAMING mode, which gives"
              + " the same final results");
    }
    // an unknown state backend fails here, before anything runs, listing the available ones
    io.spry.runtime.state.KeyedStateBackends.factory(config.getStateBackend())
        .checkOptions(
            io.spry.runtime.state.KeyedStateBackends.optionsOf(config, config.getStateBackend()));
    // Transformations are in creation order, so inputs come before their consumers.
    for (Transformation<?> t : job.transformations()) {
      if (isOperator(t)) {
        createNode(t);
      }
    }
    if (nodes.values().stream().noneMatch(n -> n.transformation instanceof SinkTransformation)) {
      throw new IllegalStateException(
          "The job has no sinks, so it would compute nothing visible: end a stream with print(),"
              + " sinkTo(...), addSink(...) or executeAndCollect()");
    }
    for (PlanNode n : nodes.values()) {
      resolvePartitionings(n);
    }
    return new ExecutionPlan(job.name(), config, chain());
  }

  private static boolean isOperator(Transformation<?> t) {
    return !(t instanceof PartitionTransformation
        || t instanceof UnionTransformation
        || t instanceof SideOutputTransformation);
  }

  private void createNode(Transformation<?> t) {
    List<PlanEdge> inputs = new ArrayList<>();
    if (t instanceof TwoInputTransformation<?, ?, ?> two) {
      collectInputs(two.getInput1(), null, null, 1, null, inputs);
      collectInputs(two.getInput2(), null, null, 2, null, inputs);
    } else {
      for (Transformation<?> in : t.getInputs()) {
        collectInputs(in, null, null, 1, null, inputs);
      }
    }
    int parallelism =
        t.getParallelism() == Transformation.DEFAULT_PARALLELISM
            ? config.getParallelism()
            : t.getParallelism();
    if (t.getParallelism() == Transformation.DEFAULT_PARALLELISM
        && t instanceof SourceTransformation<?> src) {
      // a source that cannot run wider than N gets N by default, not an error
      parallelism = Math.min(parallelism, src.getSource().getMaxParallelism());
    }
    if (t instanceof SourceTransformation<?> s && parallelism > s.getSource().getMaxParallelism()) {
      throw new IllegalArgumentException(
          "Source '"
              + t.getName()
              + "' (at "
              + t.getCallSite()
              + ") supports parallelism "
              + s.getSource().getMaxParallelism()
              + " at most, but "
              + parallelism
              + " was set");
    }
    if (isKeyed(t)) {
      try {
        KeyGroups.checkBounds(config.getMaxParallelism(), parallelism);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + t.getName() + "' (at " + t.getCallSite() + "): " + e.getMessage(), e);
      }
    }
    PlanNode node = new PlanNode(t, parallelism, slotSharingGroup(t, inputs));
    for (PlanEdge e : inputs) {
      PlanEdge edge =
          new PlanEdge(e.source(), node, e.partitioning(), e.sideOutput(), e.input(), false);
      node.inputs.add(edge);
    }
    nodes.put(t, node);
  }

  static boolean isKeyed(Transformation<?> t) {
    return (t instanceof OneInputTransformation<?, ?> o && o.getKeySelector() != null)
        || (t instanceof TwoInputTransformation<?, ?, ?> two && two.isKeyed());
  }

  /** Walks up through partitionings, unions and side outputs to the producing operators. */
  private void collectInputs(
      Transformation<?> t,
      Partitioning partitioning,
      OutputTag<?> tag,
      int input,
      PlanNode target,
      List<PlanEdge> out) {
    if (t instanceof PartitionTransformation<?> p) {
      collectInputs(
          p.getInput(),
          partitioning == null ? p.getPartitioning() : partitioning,
          tag,
          input,
          target,
          out);
    } else if (t instanceof UnionTransformation<?> u) {
      for (Transformation<?> in : u.getInputs()) {
        collectInputs(in, partitioning, tag, input, target, out);
      }
    } else if (t instanceof SideOutputTransformation<?> s) {
      collectInputs(s.getInput(), partitioning, s.getTag(), input, target, out);
    } else {
      PlanNode source = nodes.get(t);
      if (source == null) {
        throw new IllegalStateException("Input " + t + " was not compiled before its consumer");
      }
      if (t instanceof SinkTransformation) {
        throw new IllegalArgumentException("A sink has no output to consume: " + t);
      }
      out.add(new PlanEdge(source, target, partitioning, tag, input, false));
    }
  }

  private String slotSharingGroup(Transformation<?> t, List<PlanEdge> inputs) {
    if (t.getSlotSharingGroup() != null) {
      return t.getSlotSharingGroup();
    }
    Set<String> groups = new HashSet<>();
    for (PlanEdge e : inputs) {
      groups.add(e.source().slotSharingGroup);
    }
    return groups.size() == 1 ? groups.iterator().next() : "default";
  }

  /** Fills in default partitionings and checks explicit ones against the parallelisms. */
  private void resolvePartitionings(PlanNode n) {
    for (int i = 0; i < n.inputs.size(); i++) {
      PlanEdge e = n.inputs.get(i);
      Partitioning p = e.partitioning();
      boolean equal = e.source().parallelism == n.parallelism;
      if (p == null) {
        p = Partitioning.of(equal ? Partitioning.Kind.FORWARD : Partitioning.Kind.REBALANCE);
      } else if (p.kind() == Partitioning.Kind.FORWARD && !equal) {
        throw new IllegalArgumentException(
            "forward() between '"
                + e.source().name()
                + "' (parallelism "
                + e.source().parallelism
                + ") and '"
                + n.name()
                + "' (parallelism "
                + n.parallelism
                + "): forward partitioning needs equal parallelism; use rebalance() or"
                + " rescale(), or give both operators the same parallelism");
      }
      PlanEdge resolved = e.withPartitioning(p);
      n.inputs.set(i, resolved);
      e.source().outputs.add(resolved);
    }
  }

  private boolean chainable(PlanEdge e) {
    PlanNode up = e.source();
    PlanNode down = e.target();
    return e.partitioning().kind() == Partitioning.Kind.FORWARD
        && up.parallelism == down.parallelism
        && down.inputs.size() == 1
        && down.chaining() == ChainingStrategy.ALWAYS
        && up.chaining() != ChainingStrategy.NEVER
        && up.slotSharingGroup.equals(down.slotSharingGroup);
  }

  private List<PlanVertex> chain() {
    // Mark chained edges (in both the producer's and the consumer's lists).
    for (PlanNode n : nodes.values()) {
      for (int i = 0; i < n.inputs.size(); i++) {
        PlanEdge e = n.inputs.get(i);
        if (chainable(e)) {
          PlanEdge c = e.asChained();
          n.inputs.set(i, c);
          List<PlanEdge> outs = e.source().outputs;
          outs.set(outs.indexOf(e), c);
        }
      }
    }
    List<PlanVertex> vertices = new ArrayList<>();
    for (PlanNode n : nodes.values()) {
      boolean isHead = n.inputs.isEmpty() || !n.inputs.get(0).chained();
      if (!isHead) {
        continue;
      }
      List<PlanNode> members = new ArrayList<>();
      collectChain(n, members);
      List<PlanEdge> outputs = new ArrayList<>();
      for (PlanNode m : members) {
        for (PlanEdge e : m.outputs) {
          if (!e.chained()) {
            outputs.add(e);
          }
        }
      }
      PlanVertex v = new PlanVertex(vertices.size() + 1, members, List.copyOf(n.inputs), outputs);
      for (PlanNode m : members) {
        m.vertex = v;
      }
      vertices.add(v);
    }
    return vertices;
  }

  private static void collectChain(PlanNode n, List<PlanNode> members) {
    members.add(n);
    for (PlanEdge e : n.outputs) {
      if (e.chained()) {
        collectChain(e.target(), members);
      }
    }
  }
}
