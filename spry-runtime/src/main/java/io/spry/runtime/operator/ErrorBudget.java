package io.spry.runtime.operator;

import io.spry.api.DeadLetter;
import io.spry.api.ErrorPolicy;
import io.spry.api.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error budget of one operator under {@link ErrorPolicy#deadLetter}, shared by its subtasks:
 * the records that failed and the records processed, summed over the subtasks, and the rate-limited
 * log of dead letters that no stream reads.
 *
 * <p>Threads: every subtask's thread calls in. The failure count is atomic, so the operator's n-th
 * failure is the n-th whatever the interleaving: with a budget of N records, the (N+1)-th failure
 * fails the job, exactly. The processed count is published by each subtask every {@link
 * RecordFailureHandler#PUBLISH_EVERY} records and before each failure is charged, so a fraction
 * sees this subtask's count exactly and the others' lagging by less than that.
 */
public final class ErrorBudget {
  private static final Logger DEAD_LETTER_LOG =
      LoggerFactory.getLogger(ErrorPolicy.DEAD_LETTER_LOGGER);

  /** The most dead letters of one operator logged per minute of the job's clock. */
  public static final int LOGGED_PER_MINUTE = 10;

  private static final long MINUTE_MILLIS = 60_000;

  private final String operatorName;
  private final ErrorPolicy policy;
  private final String destination;
  private final Clock clock;
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong records = new AtomicLong();

  /** Set once the budget is spent; read without the lock as a hint, written under it. */
  private volatile OperatorException exhausted;

  // The log's rate limit; guarded by this.
  private boolean windowOpen;
  private long windowStart;
  private int loggedInWindow;
  private long notLogged;

  /**
   * @param destination where the operator's dead letters go, for messages (e.g. {@code 'DLQ
   *     sink'}), or null when no stream reads them: they are then logged
   */
  public ErrorBudget(String operatorName, ErrorPolicy policy, String destination, Clock clock) {
    if (!policy.isDeadLetter()) {
      throw new IllegalArgumentException("No budget under " + policy);
    }
    this.operatorName = operatorName;
    this.policy = policy;
    this.destination = destination;
    this.clock = clock;
  }

  public ErrorPolicy policy() {
    return policy;
  }

  /** Whether a stream reads the dead letters (else they are logged). */
  public boolean isRead() {
    return destination != null;
  }

  /** The records that failed so far, summed over the subtasks. */
  public long failed() {
    return failed.get();
  }

  /** The records processed so far as published by the subtasks. */
  public long records() {
    return records.get();
  }

  private final java.util.concurrent.atomic.AtomicBoolean restored =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Starts the budget at a checkpoint's counts; the first call of a run counts, later ones (every
   * subtask calls with the same totals) do nothing.
   */
  void restore(long failedRecords, long processedRecords) {
    if (restored.compareAndSet(false, true)) {
      failed.addAndGet(failedRecords);
      records.addAndGet(processedRecords);
    }
  }

  void addRecords(long n) {
    records.addAndGet(n);
  }

  /**
   * Counts a failed record.
   *
   * @param failure the record's failure, made only when the budget is spent (a failure within it
   *     becomes a dead letter and needs no exception)
   * @throws OperatorException when it is one more than the budget allows, and on every failure
   *     after that; the message says how many failed, the last error and where the dead letters
   *     went, and it is the same for every subtask, whichever comes first
   */
  void charge(Supplier<OperatorException> failure) {
    long f = failed.incrementAndGet();
    if (f > policy.getMaxFailedRecords()) {
      // whichever subtask comes first, N + 1 is the count that spent a budget of N
      throw spent(failure, policy.getMaxFailedRecords() + 1, -1);
    }
    if (policy.hasMaxFailedFraction()) {
      long processed = records.get();
      if (processed >= policy.getMinRecordsForFraction()
          && f > policy.getMaxFailedFraction() * processed) {
        throw spent(failure, f, processed);
      }
    }
    // A failure counted within the count budget stays accepted even if another subtask has
    // since spent it (failed only grows: every later failure is over it); a fraction budget,
    // once spent, rejects everything after.
    if (exhausted != null && policy.hasMaxFailedFraction()) {
      throw spent(failure, f, -1);
    }
  }

  /**
   * The failure of a spent budget: the first subtask to find it spent writes the message (so a
   * count budget of N always reports N + 1 failed records), and every later failure, in any
   * subtask, repeats it.
   */
  private synchronized OperatorException spent(
      Supplier<OperatorException> failure, long failedRecords, long processed) {
    if (exhausted == null) {
      exhausted = exceeded(failure.get(), failedRecords, processed);
    }
    return OperatorException.budgetSpent(
        exhausted.getOperatorName(),
        exhausted.getTaskName(),
        exhausted.getMessage(),
        exhausted.getCause());
  }

  private OperatorException exceeded(OperatorException last, long failedRecords, long processed) {
    String counts =
        processed < 0
            ? failedRecords + " records failed"
            : String.format(
                Locale.ROOT,
                "%d of the %d records it processed failed (%.2f%%)",
                failedRecords,
                processed,
                100.0 * failedRecords / processed);
    String where =
        destination != null
            ? "went to " + destination
            : "were read by no stream: each was counted in "
                + ErrorPolicy.DEAD_LETTERS_COUNTER
                + " and logged by "
                + ErrorPolicy.DEAD_LETTER_LOGGER
                + " (at most "
                + LOGGED_PER_MINUTE
                + " a minute)";
    return OperatorException.budgetSpent(
        operatorName,
        last.getTaskName(),
        "Operator '"
            + operatorName
            + "' failed on more records than its error policy "
            + policy
            + " allows: "
            + counts
            + ", summed over its subtasks. The last: "
            + last.getMessage()
            + ". The dead letters before it "
            + where
            + ". Fix the data or the function, or give the operator a larger budget"
            + " (onError(...)).",
        last);
  }

  /**
   * Logs a dead letter that no stream reads, at most {@link #LOGGED_PER_MINUTE} a minute; {@code
   * letter} is made only when it is logged.
   */
  void log(Supplier<DeadLetter> dead, Throwable error) {
    long skipped;
    boolean firstSuppressed = false;
    synchronized (this) {
      long now = clock.millis();
      if (!windowOpen || now - windowStart >= MINUTE_MILLIS) {
        windowOpen = true;
        windowStart = now;
        loggedInWindow = 0;
      }
      if (loggedInWindow >= LOGGED_PER_MINUTE) {
        firstSuppressed = notLogged == 0;
        notLogged++;
        skipped = -1;
      } else {
        loggedInWindow++;
        skipped = notLogged;
        notLogged = 0;
      }
    }
    if (skipped < 0) {
      if (firstSuppressed) {
        DEAD_LETTER_LOG.warn(
            "Operator '{}' has more than {} dead letters a minute: the next ones this minute are"
                + " counted in {} but not logged",
            operatorName,
            LOGGED_PER_MINUTE,
            ErrorPolicy.DEAD_LETTERS_COUNTER);
      }
      return;
    }
    DeadLetter letter = dead.get();
    DEAD_LETTER_LOG.warn(
        "Dead letter of operator '{}' in task '{}' (no stream reads them: use getDeadLetters() or"
            + " env.deadLetters()){}: record {}{}, error {}",
        letter.operatorName(),
        letter.taskName(),
        skipped > 0 ? " [" + skipped + " earlier ones were not logged]" : "",
        letter.recordString(),
        letter.timestamp() == Long.MIN_VALUE ? "" : " @" + letter.timestamp(),
        letter.error(),
        error);
  }

  @Override
  public String toString() {
    return "ErrorBudget("
        + operatorName
        + ", "
        + policy
        + ", failed "
        + failed.get()
        + " of "
        + records.get()
        + ")";
  }
}
