package io.spry.runtime.operator;

/**
 * A user function (or the engine on its behalf) failed on a record. The message names the operator,
 * the task and subtask, and a summary of the record.
 */
public final class OperatorException extends RuntimeException {
  private final String operatorName;
  private final String taskName;

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
}
