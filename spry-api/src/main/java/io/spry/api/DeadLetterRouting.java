package io.spry.api;

import io.spry.api.graph.SideOutputTransformation;
import io.spry.api.graph.Transformation;
import io.spry.api.graph.UnionTransformation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Settles where dead letters go when a job is submitted: checks that every dead-letter stream the
 * job reads can have records, and wires {@link StreamEnvironment#deadLetters()} to the dead-letter
 * side output of every operator under a dead-letter policy that is not downstream of it.
 */
final class DeadLetterRouting {
  private DeadLetterRouting() {}

  /**
   * The job's transformations, with the dead-letter union's inputs set and its side outputs added,
   * in an order where every transformation comes after its inputs.
   *
   * @param all the transformations in creation order
   * @param union the stream of {@code env.deadLetters()}, or null if never asked for
   */
  static List<Transformation<?>> resolve(
      List<Transformation<?>> all,
      UnionTransformation<DeadLetter> union,
      ErrorPolicy jobPolicy,
      IntSupplier ids) {
    for (Transformation<?> t : all) {
      if (t instanceof SideOutputTransformation<?> s
          && s.getTag().getId().equals(OutputTag.DEAD_LETTERS_ID)) {
        Transformation<?> op = s.getInput();
        ErrorPolicy p = op.effectiveErrorPolicy(jobPolicy);
        if (!p.isDeadLetter()) {
          throw new IllegalStateException(
              "getDeadLetters() at "
                  + s.getCallSite()
                  + ": the error policy of '"
                  + op.getName()
                  + "' is "
                  + p
                  + ", so it never has dead letters (a failing record fails the job): set"
                  + " .onError(ErrorPolicy.deadLetter(maxFailedRecords)) on it, or"
                  + " env.getConfig().setErrorPolicy(ErrorPolicy.deadLetter(maxFailedRecords))");
        }
      }
    }
    if (union == null) {
      return List.copyOf(all);
    }
    // Creation order puts inputs first, so one pass finds everything downstream of the union.
    Set<Transformation<?>> downstream = Collections.newSetFromMap(new IdentityHashMap<>());
    downstream.add(union);
    for (Transformation<?> t : all) {
      for (Transformation<?> in : t.getInputs()) {
        if (downstream.contains(in)) {
          downstream.add(t);
          break;
        }
      }
    }
    List<Transformation<DeadLetter>> sides = new ArrayList<>();
    for (Transformation<?> t : all) {
      if (!downstream.contains(t)
          && t.supportsErrorPolicy()
          && t.effectiveErrorPolicy(jobPolicy).isDeadLetter()) {
        sides.add(
            new SideOutputTransformation<>(
                ids.getAsInt(), t, DeadLetterTag.TAG, union.getCallSite()));
      }
    }
    if (sides.isEmpty()) {
      throw new IllegalStateException(
          "env.deadLetters() at "
              + union.getCallSite()
              + ": no operator has a dead-letter error policy, so there could be no dead letters:"
              + " set env.getConfig().setErrorPolicy(ErrorPolicy.deadLetter(maxFailedRecords)),"
              + " or .onError(ErrorPolicy.deadLetter(maxFailedRecords)) on the operators whose"
              + " failing records should be skipped");
    }
    union.setUnionInputs(sides);
    // Inputs before consumers: what is not downstream keeps its order (none of its inputs is
    // downstream), then the new side outputs, then everything downstream in creation order.
    List<Transformation<?>> ordered = new ArrayList<>(all.size() + sides.size());
    for (Transformation<?> t : all) {
      if (!downstream.contains(t)) {
        ordered.add(t);
      }
    }
    ordered.addAll(sides);
    for (Transformation<?> t : all) {
      if (downstream.contains(t)) {
        ordered.add(t);
      }
    }
    return List.copyOf(ordered);
  }
}
