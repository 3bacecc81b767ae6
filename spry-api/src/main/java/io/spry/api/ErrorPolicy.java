package io.spry.api;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * What an operator does when its user function throws on a record.
 *
 * <ul>
 *   <li>{@link #fail()} (the default): the job fails, with the operator, the subtask and the record
 *       in the message.
 *   <li>{@link #deadLetter(long)}: the record is skipped by that operator and becomes a {@link
 *       DeadLetter} (the record with its error), and processing goes on. Read the dead letters with
 *       {@link SingleOutputStream#getDeadLetters()} or {@link StreamEnvironment#deadLetters()} and
 *       route them to any sink; dead letters nobody reads are logged (logger {@value
 *       #DEAD_LETTER_LOGGER}, rate-limited) and always counted ({@value #DEAD_LETTERS_COUNTER}). A
 *       budget bounds them: once more records fail than it allows, the job fails with a message
 *       that says how many failed, the last error, and where the dead letters went.
 * </ul>
 *
 * <p>Set it for the job with {@code env.getConfig().setErrorPolicy(...)} and for one operator with
 * {@link SingleOutputStream#onError}. The budget is counted per operator, summed over its subtasks.
 *
 * <pre>{@code
 * env.getConfig().setErrorPolicy(ErrorPolicy.deadLetter(100));   // at most 100 bad records per operator
 * env.fromSource(...)
 *     .map(Event::parse)
 *     .onError(ErrorPolicy.deadLetter(ErrorPolicy.UNLIMITED).maxFailedFraction(0.01));
 * }</pre>
 *
 * <p>Covered: a record's call into an operator's user function (map, flatMap, filter, process,
 * reduce, window assignment and aggregation, the functions of two-input operators, timestamp
 * assigners) and records a source reader reports as bad ({@code
 * SourceReaderContext.reportBadRecord}). Never covered, whatever the policy: {@code open}, {@code
 * close}, timers and window firing, watermarks, key selectors on an exchange, and sinks; their
 * failures fail the job. See {@code docs/error-handling.md}.
 *
 * <p>Immutable.
 */
@Public
public final class ErrorPolicy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A budget without a limit on the number of failed records: {@code deadLetter(UNLIMITED)}. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** The records an operator must have processed before {@link #maxFailedFraction} applies. */
  public static final long DEFAULT_MIN_RECORDS_FOR_FRACTION = 1000;

  /** The logger that reports dead letters nobody reads. */
  public static final String DEAD_LETTER_LOGGER = "io.spry.deadletters";

  /** The job counter of dead letters (summed over operators and subtasks). */
  public static final String DEAD_LETTERS_COUNTER = "numDeadLetters";

  /** The prefix of the per-operator dead-letter counters: {@code numDeadLetters.<operator>}. */
  public static final String DEAD_LETTERS_COUNTER_PREFIX = DEAD_LETTERS_COUNTER + ".";

  private static final ErrorPolicy FAIL = new ErrorPolicy(false, 0, 1.0, 0);

  private final boolean deadLetter;
  private final long maxFailedRecords;
  private final double maxFailedFraction;
  private final long minRecordsForFraction;

  private ErrorPolicy(
      boolean deadLetter, long maxFailedRecords, double maxFailedFraction, long minRecords) {
    this.deadLetter = deadLetter;
    this.maxFailedRecords = maxFailedRecords;
    this.maxFailedFraction = maxFailedFraction;
    this.minRecordsForFraction = minRecords;
  }

  /** The job fails on the first record a user function throws on. The default. */
  public static ErrorPolicy fail() {
    return FAIL;
  }

  /**
   * A failed record becomes a {@link DeadLetter} and processing goes on, until more than {@code
   * maxFailedRecords} records failed in one operator (summed over its subtasks): then the job
   * fails.
   *
   * @param maxFailedRecords at least 1; {@link #UNLIMITED} for no limit on the number
   */
  public static ErrorPolicy deadLetter(long maxFailedRecords) {
    if (maxFailedRecords < 1) {
      throw new IllegalArgumentException(
          "ErrorPolicy.deadLetter("
              + maxFailedRecords
              + "): the budget must be at least 1 failed record; to allow none, use"
              + " ErrorPolicy.fail()");
    }
    return new ErrorPolicy(true, maxFailedRecords, 1.0, DEFAULT_MIN_RECORDS_FOR_FRACTION);
  }

  /**
   * This policy, also failing the job once more than {@code fraction} of an operator's records
   * failed (summed over its subtasks), checked from its {@value
   * #DEFAULT_MIN_RECORDS_FOR_FRACTION}th record on.
   */
  public ErrorPolicy maxFailedFraction(double fraction) {
    return maxFailedFraction(fraction, DEFAULT_MIN_RECORDS_FOR_FRACTION);
  }

  /**
   * This policy, also failing the job once more than {@code fraction} of an operator's records
   * failed (summed over its subtasks). The fraction is checked when a record fails, once the
   * operator has processed at least {@code minRecords} records, so the first records alone cannot
   * exceed it.
   *
   * @param fraction in (0, 1): 0.01 allows one record in a hundred to fail
   * @param minRecords at least 1
   */
  public ErrorPolicy maxFailedFraction(double fraction, long minRecords) {
    if (!deadLetter) {
      throw new IllegalStateException(
          "ErrorPolicy.fail() has no budget: use ErrorPolicy.deadLetter(maxFailedRecords)"
              + ".maxFailedFraction("
              + fraction
              + ")");
    }
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "maxFailedFraction(" + fraction + "): the fraction must be in (0, 1), e.g. 0.01 for 1%");
    }
    if (minRecords < 1) {
      throw new IllegalArgumentException(
          "maxFailedFraction(" + fraction + ", " + minRecords + "): minRecords must be at least 1");
    }
    return new ErrorPolicy(true, maxFailedRecords, fraction, minRecords);
  }

  /** Whether failed records become dead letters (rather than failing the job). */
  public boolean isDeadLetter() {
    return deadLetter;
  }

  /** The most records an operator may fail on before the job fails; 0 under {@link #fail()}. */
  public long getMaxFailedRecords() {
    return maxFailedRecords;
  }

  /** The largest fraction of an operator's records that may fail; 1.0 when not limited. */
  public double getMaxFailedFraction() {
    return maxFailedFraction;
  }

  /** Whether a {@linkplain #maxFailedFraction fraction} limits the budget. */
  public boolean hasMaxFailedFraction() {
    return maxFailedFraction < 1.0;
  }

  /** The records an operator must have processed before the fraction is checked. */
  public long getMinRecordsForFraction() {
    return minRecordsForFraction;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorPolicy p
        && p.deadLetter == deadLetter
        && p.maxFailedRecords == maxFailedRecords
        && Double.compare(p.maxFailedFraction, maxFailedFraction) == 0
        && p.minRecordsForFraction == minRecordsForFraction;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(deadLetter) * 31 * 31
        + Long.hashCode(maxFailedRecords) * 31
        + Double.hashCode(maxFailedFraction);
  }

  /** The call that makes this policy, e.g. {@code ErrorPolicy.deadLetter(100)}. */
  @Override
  public String toString() {
    if (!deadLetter) {
      return "ErrorPolicy.fail()";
    }
    StringBuilder s =
        new StringBuilder("ErrorPolicy.deadLetter(")
            .append(maxFailedRecords == UNLIMITED ? "UNLIMITED" : Long.toString(maxFailedRecords))
            .append(')');
    if (hasMaxFailedFraction()) {
      s.append(".maxFailedFraction(").append(maxFailedFraction);
      if (minRecordsForFraction != DEFAULT_MIN_RECORDS_FOR_FRACTION) {
        s.append(", ").append(minRecordsForFraction);
      }
      s.append(')');
    }
    return s.toString();
  }
}
