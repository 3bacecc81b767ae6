package io.spry.runtime.operator;

import io.spry.api.DeadLetter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Makes {@link DeadLetter}s: the record's text and the error's stack trace, both bounded. */
public final class DeadLetters {
  private DeadLetters() {}

  public static DeadLetter create(
      String operatorName,
      String taskName,
      int subtaskIndex,
      int input,
      Object record,
      long timestamp,
      Throwable error,
      long processingTime) {
    return new DeadLetter(
        operatorName,
        taskName,
        subtaskIndex,
        input,
        record,
        recordString(record),
        timestamp,
        error.getClass().getName(),
        error.getMessage(),
        stackTrace(error),
        processingTime);
  }

  /** The record's {@code toString()} (byte arrays decoded as UTF-8), cut to the maximum. */
  static String recordString(Object record) {
    String s;
    if (record instanceof byte[] b) {
      s = "byte[" + b.length + "] " + new String(b, StandardCharsets.UTF_8);
    } else {
      try {
        s = String.valueOf(record);
      } catch (RuntimeException e) {
        s = record.getClass().getName() + " (toString() failed: " + e + ")";
      }
    }
    return cut(s, DeadLetter.MAX_RECORD_STRING);
  }

  static String stackTrace(Throwable error) {
    StringWriter w = new StringWriter();
    try (PrintWriter p = new PrintWriter(w)) {
      error.printStackTrace(p);
    } catch (RuntimeException e) {
      return error.getClass().getName() + " (printing its stack trace failed: " + e + ")";
    }
    return cut(w.toString(), DeadLetter.MAX_STACK_TRACE);
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    String tail = "... (" + s.length() + " chars)";
    return s.substring(0, max - tail.length()) + tail;
  }
}
