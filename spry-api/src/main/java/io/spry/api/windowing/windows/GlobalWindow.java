package io.spry.api.windowing.windows;

import io.spry.api.annotation.Public;

/** The one window of {@code GlobalWindows}: all of a key's records, never ending. */
@Public
public final class GlobalWindow extends Window {
  private static final long serialVersionUID = 1L;
  private static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  public static GlobalWindow get() {
    return INSTANCE;
  }

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }

  private Object readResolve() {
    return INSTANCE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GlobalWindow;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }
}
