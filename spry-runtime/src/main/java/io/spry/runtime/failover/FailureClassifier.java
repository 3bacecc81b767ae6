package io.spry.runtime.failover;

import io.spry.api.types.IncompatibleSchemaException;

/**
 * Tells the failures that no restart can fix from those a restart may get past. A restart restores
 * the same checkpoint into the same code: when the failure comes from the two not fitting together
 * (the state's schema changed incompatibly), or from the data itself (a dead-letter budget spent:
 * the budget is checkpointed, so a restore replays the same bad records into the same budget),
 * every restart fails the same way at once, and the restart strategy would only spend its attempts
 * and hide the cause in a loop. Such a failure ends the job at once, with its own message.
 */
public final class FailureClassifier {
  private FailureClassifier() {}

  /**
   * Why {@code failure} cannot be fixed by restarting the job, or null when a restart may help.
   * Walks the cause chain.
   */
  public static String nonRecoverableReason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IncompatibleSchemaException) {
        return "the checkpoint's state does not fit the job's state types, and every restart"
            + " restores the same state";
      }
      if (t instanceof io.spry.runtime.operator.OperatorException e && e.isBudgetSpent()) {
        return "the operator's error budget is spent, and it is kept across restores";
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
