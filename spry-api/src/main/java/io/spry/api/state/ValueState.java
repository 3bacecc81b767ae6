package io.spry.api.state;

import io.spry.api.annotation.Public;

/** One value per key. */
@Public
public interface ValueState<T> extends State {
  /** The value for the current key, or the descriptor's default (null unless set). */
  T value() throws Exception;

  void update(T value) throws Exception;
}
