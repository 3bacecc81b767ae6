package io.spry.runtime.exchange;

/** A short, safe description of a record for error messages (byte arrays as UTF-8 text). */
public final class RecordSummary {
  private static final int MAX = 200;

  private RecordSummary() {}

  public static String of(Object record) {
    if (record == null) {
      return "null";
    }
    String s;
    if (record instanceof byte[] b) {
      s = "byte[" + b.length + "] " + new String(b, java.nio.charset.StandardCharsets.UTF_8);
    } else {
      try {
        s = String.valueOf(record);
      } catch (RuntimeException e) {
        s = record.getClass().getName() + " (toString() failed: " + e + ")";
      }
    }
    return s.length() <= MAX ? s : s.substring(0, MAX) + "... (" + s.length() + " chars)";
  }
}
