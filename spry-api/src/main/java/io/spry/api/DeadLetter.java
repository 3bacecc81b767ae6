package io.spry.api;

import io.spry.api.annotation.Public;

/**
 * A record an operator's user function threw on, under {@link ErrorPolicy#deadLetter}, with the
 * error and where it happened. Read them with {@link SingleOutputStream#getDeadLetters()} (one
 * operator) or {@link StreamEnvironment#deadLetters()} (all operators) and send them to any sink.
 *
 * @param operatorName the operator that failed, e.g. {@code parse}
 * @param taskName its task and subtask, e.g. {@code parse -> enrich (2/4)}
 * @param subtaskIndex the subtask's index, from 0
 * @param input which input the record came on: 1, or 2 for the second input of a two-input
 *     operator; 0 for a raw record a source reader reported as bad
 * @param record the record itself (for a source reader's bad record, the raw input it reported). It
 *     is the object the function saw: if the function changed it before throwing, the change shows.
 *     May be null
 * @param recordString the record's {@code toString()} (byte arrays as text), at most {@value
 *     #MAX_RECORD_STRING} characters
 * @param timestamp the record's event timestamp, {@code Long.MIN_VALUE} when it had none
 * @param errorClass the class of the exception, e.g. {@code java.lang.NumberFormatException}
 * @param errorMessage the exception's message, or null
 * @param stackTrace the exception's stack trace with its causes, at most {@value #MAX_STACK_TRACE}
 *     characters
 * @param processingTime when the record failed, in the job clock's epoch milliseconds
 */
@Public
public record DeadLetter(
    String operatorName,
    String taskName,
    int subtaskIndex,
    int input,
    Object record,
    String recordString,
    long timestamp,
    String errorClass,
    String errorMessage,
    String stackTrace,
    long processingTime) {

  /** The longest {@link #recordString}; longer ones are cut and say their length. */
  public static final int MAX_RECORD_STRING = 10_000;

  /** The longest {@link #stackTrace}; longer ones are cut. */
  public static final int MAX_STACK_TRACE = 16_000;

  /** The error as {@code class: message}, as {@code Throwable.toString()} writes it. */
  public String error() {
    return errorMessage == null ? errorClass : errorClass + ": " + errorMessage;
  }

  /** One line: operator, subtask, record and error; the stack trace is left out. */
  @Override
  public String toString() {
    String r =
        recordString.length() <= 200
            ? recordString
            : recordString.substring(0, 200) + "... (" + recordString.length() + " chars)";
    return "DeadLetter[operator '"
        + operatorName
        + "' in task '"
        + taskName
        + "'"
        + (input == 2 ? ", input 2" : input == 0 ? ", raw source record" : "")
        + ", record "
        + r
        + (timestamp == Long.MIN_VALUE ? "" : " @" + timestamp)
        + ", error "
        + error()
        + "]";
  }
}
