package io.spry.api.graph;

import io.spry.api.annotation.Internal;

/** Finds where in the user's code an API call was made, for error messages. */
@Internal
public final class CallSite {
  private CallSite() {}

  /**
   * The first stack frame outside Spry's own API packages, as {@code Class.method(File.java:42)},
   * or {@code "unknown location"}.
   */
  public static String capture() {
    for (StackTraceElement e : new Throwable().getStackTrace()) {
      String c = e.getClassName();
      if (c.startsWith("io.spry.api.") || c.startsWith("java.") || c.startsWith("jdk.")) {
        continue;
      }
      String simple = c.substring(c.lastIndexOf('.') + 1);
      return simple
          + "."
          + e.getMethodName()
          + "("
          + e.getFileName()
          + ":"
          + e.getLineNumber()
          + ")";
    }
    return "unknown location";
  }
}
