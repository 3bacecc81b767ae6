package io.spry.api.state;

import io.spry.api.annotation.Public;

/** State that values are added to, and a result read from. */
@Public
public interface AppendingState<IN, OUT> extends State {
  /** The current result, or null when nothing was added for the current key. */
  OUT get() throws Exception;

  void add(IN value) throws Exception;
}
