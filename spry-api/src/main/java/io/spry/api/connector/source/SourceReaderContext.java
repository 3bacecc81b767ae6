package io.spry.api.connector.source;

import io.spry.api.annotation.Public;
import io.spry.api.time.Clock;

/** What a reader may see of its subtask. */
@Public
public interface SourceReaderContext {
  int getIndexOfSubtask();

  int getParallelism();

  /** Asks the enumerator for a split; it answers through {@link SourceReader#addSplits}. */
  void sendSplitRequest();

  Clock clock();

  /**
   * Reports a record the reader could not decode (a malformed line, bytes that do not deserialize),
   * so that the job's {@link io.spry.api.ErrorPolicy} decides what happens, and moves on. Under
   * {@code ErrorPolicy.fail()} this throws an exception naming the source, the subtask, the record
   * and {@code error}, which the reader lets propagate out of {@code pollNext}: the job fails.
   * Under {@code ErrorPolicy.deadLetter(...)} the raw record becomes a {@link
   * io.spry.api.DeadLetter} (with input 0) and this returns: the reader skips the record and goes
   * on with the next. Once the policy's budget is spent it throws, and the job fails.
   *
   * <pre>{@code
   * try {
   *   output.collect(decode(bytes));
   * } catch (DecodingException e) {
   *   context.reportBadRecord(bytes, e); // throws under ErrorPolicy.fail()
   * }
   * }</pre>
   *
   * <p>Call it on the task's thread (from {@code pollNext}), after the reader has moved past the
   * record, so that a checkpoint taken later does not read it again. The default, for contexts
   * without an error policy (a reader's unit test, say), throws {@code error} itself.
   *
   * @param rawRecord what the reader read, as exactly as it has it (bytes, a line): it becomes the
   *     dead letter's record
   * @param error why it could not be decoded, naming where it was (file and line, partition and
   *     offset)
   * @throws E under the fail policy (or, in the runtime, an exception that wraps it)
   */
  default <E extends Exception> void reportBadRecord(Object rawRecord, E error) throws E {
    throw error;
  }
}
