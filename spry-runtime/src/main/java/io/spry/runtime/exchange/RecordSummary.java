package io.spry.runtime.exchange;

/** A short, safe description of a record for error messages. */
public final class RecordSummary {
  private static final int MAX = 200;

  private RecordSummary() {}

  public static String of(Object record) {
    if (record == null) {
      return "null";
    }
    String s;
    try {
      s = String.valueOf(record);
    } catch (RuntimeException e) {
      s = record.getClass().getName() + " (toString() failed: " + e + ")";
    }
    return s.length() <= MAX ? s : s.substring(0, MAX) + "... (" + s.length() + " chars)";
  }
}
