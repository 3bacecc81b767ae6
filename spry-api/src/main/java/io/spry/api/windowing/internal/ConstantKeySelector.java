package io.spry.api.windowing.internal;

import io.spry.api.annotation.Internal;
import io.spry.api.functions.KeySelector;

/** The key of every record of a non-keyed window ({@code windowAll}): one key, one subtask. */
@Internal
public final class ConstantKeySelector<T> implements KeySelector<T, Byte> {
  private static final long serialVersionUID = 1L;
  private static final Byte KEY = 0;

  @Override
  public Byte getKey(T value) {
    return KEY;
  }
}
