package io.spry.runtime.operator;

/**
 * A user function (or the engine on its behalf) failed on a record. The message names the operator,
 * the task and subtask, and a summary of the record.
 */
public final class OperatorException extends RuntimeException {
  private final String operatorName;
  private final String taskName;
  private final String detail;
  private final boolean budgetSpent;

  public OperatorException(String operatorName, String taskName, String detail, Throwable cause) {
    super(
        "Operator '"
            + operatorName
            + "' in task '"
            + taskName
            + "' failed"
            + (detail == null ? "" : " " + detail)
            + ": "
            + cause,
        cause);
    this.operatorName = operatorName;
    this.taskName = taskName;
    this.detail = detail;
    this.budgetSpent = false;
  }

  private OperatorException(
      String operatorName, String taskName, String message, Throwable cause, boolean budgetSpent) {
    super(message, cause);
    this.operatorName = operatorName;
    this.taskName = taskName;
    this.detail = null;
    this.budgetSpent = budgetSpent;
  }

  /** A failure of an operator that its own message explains. */
  public static OperatorException withMessage(
      String operatorName, String taskName, String message, Throwable cause) {
    return new OperatorException(operatorName, taskName, message, cause, false);
  }

  /** The operator's dead-letter budget is spent; the message says how. */
  static OperatorException budgetSpent(
      String operatorName, String taskName, String message, Throwable cause) {
    return new OperatorException(operatorName, taskName, message, cause, true);
  }

  /**
   * Whether the operator failed because its error budget is spent. A restart cannot help: the
   * budget is checkpointed, and the same bad records come again.
   */
  public boolean isBudgetSpent() {
    return budgetSpent;
  }

  /** Wraps a failure of {@code operator}, unless it is already wrapped. */
  public static OperatorException of(StreamOperator<?> operator, String detail, Throwable cause) {
    if (cause instanceof OperatorException e) {
      return e;
    }
    OperatorContext c = operator.getContext();
    return new OperatorException(c.operatorName(), c.taskName(), detail, cause);
  }

  public String getOperatorName() {
    return operatorName;
  }

  public String getTaskName() {
    return taskName;
  }

  /**
   * What the operator was doing, e.g. {@code on record 42} or {@code on watermark 1000}; null when
   * the message says it all ({@link #withMessage}).
   */
  public String getDetail() {
    return detail;
  }
}
