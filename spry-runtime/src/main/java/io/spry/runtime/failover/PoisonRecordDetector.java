package io.spry.runtime.failover;

import io.spry.runtime.operator.OperatorException;

/**
 * Tells when a job fails the same way again and again across restores: the same operator, the same
 * record (its summary) and the same exception class and message, several times in a row. A record
 * whose function throws deterministically (a poison record) fails again after every restore from a
 * checkpoint taken before it, so under {@code ErrorPolicy.fail()} restarting can never get past it;
 * the restart strategy's limit ends the loop, and this says why, in the final message, with the way
 * out ({@code ErrorPolicy.deadLetter}).
 *
 * <p>Use: the restart loop passes every failure that ends an attempt of the job to {@link
 * #onFailure}, in order, before it decides whether to restart. When the {@link Verdict} says
 * {@linkplain Verdict#isPoison() poison}, restarting is pointless: give up at once. Whenever the
 * job gives up, report {@link #explain(Throwable)} of the last failure instead of the failure
 * itself: for a poison record its message ends with the diagnosis, e.g. {@code ... failed on record
 * 42: java.lang.ArithmeticException: / by zero. The same record failed 3 times in a row, after 2
 * restores: it is a poison record ...}.
 *
 * <p>Only failures of an operator on something it processed count ({@link OperatorException} with a
 * {@linkplain OperatorException#getDetail() detail}: a record, a watermark, {@code open()}); any
 * other failure (a lost connection, an exhausted error budget) ends the streak.
 *
 * <p>Not thread-safe: one per job, called by whoever handles the job's failures.
 */
public final class PoisonRecordDetector {
  /** How many identical failures in a row make a poison record, unless told otherwise. */
  public static final int DEFAULT_THRESHOLD = 3;

  private final int threshold;
  private Signature last;
  private int timesInARow;

  public PoisonRecordDetector() {
    this(DEFAULT_THRESHOLD);
  }

  /**
   * @param threshold how many identical failures in a row make a poison record; at least 2
   */
  public PoisonRecordDetector(int threshold) {
    if (threshold < 2) {
      throw new IllegalArgumentException(
          "A failure repeats from its second time on: the threshold must be at least 2, was "
              + threshold);
    }
    this.threshold = threshold;
  }

  /**
   * What a job's failures say so far.
   *
   * @param timesInARow how many failures in a row, this one included, were identical (1 for a new
   *     one, 0 for one that is not an operator's)
   * @param poison whether that reached the threshold
   * @param diagnosis for a poison, the sentence to add to the final message; else null
   */
  public record Verdict(int timesInARow, boolean poison, String diagnosis) {
    public boolean isPoison() {
      return poison;
    }
  }

  /** Takes the failure that ended an attempt of the job. */
  public Verdict onFailure(Throwable failure) {
    Signature s = Signature.of(failure);
    if (s == null) {
      last = null;
      timesInARow = 0;
      return new Verdict(0, false, null);
    }
    if (s.equals(last)) {
      timesInARow++;
    } else {
      last = s;
      timesInARow = 1;
    }
    boolean poison = timesInARow >= threshold;
    return new Verdict(timesInARow, poison, poison ? s.diagnosis(timesInARow) : null);
  }

  /** Whether the failures so far end with a poison. */
  public boolean isPoison() {
    return last != null && timesInARow >= threshold;
  }

  /**
   * The failure to report when the job gives up: {@code lastFailure} itself, or, when the failures
   * end with a poison and this is its latest occurrence, an {@link OperatorException} whose message
   * is the failure's followed by the diagnosis (its cause is the failure).
   */
  public Throwable explain(Throwable lastFailure) {
    if (!isPoison() || !last.equals(Signature.of(lastFailure))) {
      return lastFailure;
    }
    OperatorException op = Signature.find(lastFailure);
    String message = lastFailure.getMessage();
    return OperatorException.withMessage(
        op.getOperatorName(),
        op.getTaskName(),
        (message == null ? String.valueOf(lastFailure) : message)
            + ". "
            + last.diagnosis(timesInARow),
        lastFailure);
  }

  /** What makes two failures the same: not the subtask, which may differ after rescaling. */
  private record Signature(String operator, String detail, String errorClass, String message) {

    static Signature of(Throwable failure) {
      OperatorException op = find(failure);
      if (op == null || op.getDetail() == null) {
        return null;
      }
      Throwable cause = op.getCause();
      return new Signature(
          op.getOperatorName(),
          op.getDetail(),
          cause == null ? null : cause.getClass().getName(),
          cause == null ? null : cause.getMessage());
    }

    /** The outermost operator failure in the cause chain, or null. */
    static OperatorException find(Throwable failure) {
      int depth = 0;
      for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
        if (t instanceof OperatorException op) {
          return op;
        }
      }
      return null;
    }

    boolean isRecord() {
      return detail.startsWith("on record ") || detail.startsWith("on raw record ");
    }

    private static String restores(int n) {
      return n == 1 ? "1 restore" : n + " restores";
    }

    String diagnosis(int times) {
      String what =
          "operator '"
              + operator
              + "' "
              + detail
              + " with "
              + errorClass
              + (message == null ? "" : ": " + message);
      if (isRecord()) {
        return "The same record failed "
            + times
            + " times in a row, after "
            + restores(times - 1)
            + " ("
            + what
            + "): it is a poison record, and restarting cannot get past it. Skip such records"
            + " with ErrorPolicy.deadLetter(maxFailedRecords) (env.getConfig().setErrorPolicy,"
            + " or onError(...) on '"
            + operator
            + "'), or fix the function or the data";
      }
      return "The same failure happened "
          + times
          + " times in a row, after "
          + restores(times - 1)
          + " ("
          + what
          + "): restarting does not help; fix the cause";
    }
  }
}
