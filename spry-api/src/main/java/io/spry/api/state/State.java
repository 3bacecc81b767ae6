package io.spry.api.state;

import io.spry.api.annotation.Public;

/** Keyed state: a handle whose contents belong to the key of the record being processed. */
@Public
public interface State {
  /** Removes this state's value for the current key. */
  void clear();
}
