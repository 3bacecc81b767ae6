package io.spry.runtime.operator;

import io.spry.api.DeadLetter;
import io.spry.api.ErrorPolicy;
import io.spry.api.metrics.Counter;
import io.spry.runtime.metrics.CounterRegistry;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.function.Supplier;

/**
 * What one subtask of an operator does when its user function throws on a record.
 *
 * <ul>
 *   <li>Under {@link ErrorPolicy#fail()}: throws the {@link OperatorException} that names the
 *       operator, the task and the record, and the job fails.
 *   <li>Under {@link ErrorPolicy#deadLetter}: charges the operator's {@link ErrorBudget} (which
 *       throws once it is spent), turns the record and its error into a {@link DeadLetter}, sends
 *       it to the operator's dead-letter side output or, when no stream reads it, to the log,
 *       counts it, and returns: the caller skips the record and the task goes on.
 * </ul>
 *
 * An interrupt (the job is stopping) is never a bad record: it fails under either policy.
 *
 * <p>Owned by the subtask's thread. The caller calls {@link #onRecord()} for every record it hands
 * the operator, so that a fraction budget knows how many were processed (without a fraction nothing
 * is counted).
 */
public final class RecordFailureHandler {
  /** How often a subtask adds its processed records to the shared budget. */
  static final int PUBLISH_EVERY = 1024;

  private final ErrorBudget budget;
  private final Output<Object> deadLetters;
  private final Counter jobCounter;
  private final Counter operatorCounter;

  /** Whether received records are counted: only a fraction budget needs them. */
  private final boolean countsRecords;

  private long records;
  private long published;

  /**
   * The records of this subtask that became dead letters, for the checkpoint; after a restore,
   * subtask 0's count starts at the operator's checkpointed total, so that the sum over the
   * subtasks of the next checkpoint is the operator's total again.
   */
  private long failedHere;

  private RecordFailureHandler(
      ErrorBudget budget, Output<Object> deadLetters, Counter jobCounter, Counter operatorCounter) {
    this.budget = budget;
    this.deadLetters = deadLetters;
    this.jobCounter = jobCounter;
    this.operatorCounter = operatorCounter;
    this.countsRecords = budget != null && budget.policy().hasMaxFailedFraction();
  }

  /** The handler of an operator under {@link ErrorPolicy#fail()}. */
  public static RecordFailureHandler failing() {
    return new RecordFailureHandler(null, null, null, null);
  }

  /**
   * The handler of one subtask of an operator under a dead-letter policy.
   *
   * @param budget the operator's budget, shared by its subtasks
   * @param deadLetters where this subtask's dead letters go, or null when no stream reads them
   * @param counters the job's counters
   */
  public static RecordFailureHandler deadLetter(
      ErrorBudget budget,
      Output<Object> deadLetters,
      CounterRegistry counters,
      String operatorName) {
    if ((deadLetters != null) != budget.isRead()) {
      throw new IllegalArgumentException(
          "The budget of '" + operatorName + "' disagrees on whether its dead letters are read");
    }
    return new RecordFailureHandler(
        budget,
        deadLetters,
        counters.counter(ErrorPolicy.DEAD_LETTERS_COUNTER),
        counters.counter(ErrorPolicy.DEAD_LETTERS_COUNTER_PREFIX + operatorName));
  }

  /** Whether failed records become dead letters. */
  public boolean isDeadLetter() {
    return budget != null;
  }

  /** A record goes to the operator. On the hot path: one test of a final field unless counting. */
  public void onRecord() {
    if (countsRecords && ++records - published >= PUBLISH_EVERY) {
      publish();
    }
  }

  private void publish() {
    if (countsRecords) {
      budget.addRecords(records - published);
      published = records;
    }
  }

  /**
   * The operator's user function threw {@code error} on {@code record}: fail, or make it a dead
   * letter and return.
   *
   * @param input 1, or 2 for a two-input operator's second input, or 0 for a source reader's raw
   *     record
   * @param detail for the failure's message, e.g. {@code on record 42}; made only when the failure
   *     is thrown (a record that becomes a dead letter needs no summary, nor an exception)
   * @throws OperatorException under the fail policy, on an interrupt, or once the budget is spent
   */
  public void onFailure(
      StreamOperator<?> operator,
      Object record,
      long timestamp,
      int input,
      Supplier<String> detail,
      Exception error) {
    if (budget == null) {
      throw OperatorException.of(operator, detail.get(), error);
    }
    if (isInterrupt(error)) {
      if (error instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw OperatorException.of(operator, detail.get(), error);
    }
    publish();
    budget.charge(() -> OperatorException.of(operator, detail.get(), error));
    failedHere++;
    OperatorContext c = operator.getContext();
    jobCounter.inc();
    operatorCounter.inc();
    Supplier<DeadLetter> letter =
        () ->
            DeadLetters.create(
                c.operatorName(),
                c.taskName(),
                c.subtaskIndex(),
                input,
                record,
                timestamp,
                error,
                c.clock().millis());
    if (deadLetters != null) {
      deadLetters.collect(letter.get(), timestamp);
    } else {
      budget.log(letter, error); // made only if the log's rate limit lets it through
    }
  }

  // ---- checkpoints: the budget is spent across restores, not reset by them ----

  /**
   * This subtask's share of the operator's budget for a checkpoint (the failed records and the
   * records processed), or null when there is nothing to keep.
   */
  public byte[] snapshot() {
    if (budget == null || (failedHere == 0 && records == 0)) {
      return null;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(failedHere).putLong(records);
    return b.array();
  }

  /**
   * Restores the operator's budget from every subtask's share in a checkpoint ({@code shares}, the
   * same list for every subtask, whatever the parallelism was): the budget starts where it was, so
   * records that fail again after a restore are not charged twice, and a restart does not give the
   * job a fresh budget. Called by each subtask before it processes anything; the budget adds the
   * total once.
   */
  public void restore(java.util.List<byte[]> shares, int subtaskIndex) {
    if (budget == null || shares.isEmpty()) {
      return;
    }
    long failedTotal = 0;
    long recordsTotal = 0;
    for (byte[] share : shares) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(share);
      failedTotal += b.getLong();
      recordsTotal += b.getLong();
    }
    budget.restore(failedTotal, recordsTotal);
    if (subtaskIndex == 0) {
      failedHere = failedTotal;
      if (countsRecords) {
        records = recordsTotal;
        published = recordsTotal;
      }
    }
  }

  private static boolean isInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException
          || t instanceof ClosedByInterruptException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Thread.currentThread().isInterrupted();
  }
}
