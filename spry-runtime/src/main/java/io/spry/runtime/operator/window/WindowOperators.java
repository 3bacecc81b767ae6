package io.spry.runtime.operator.window;

import io.spry.api.windowing.internal.WindowSpec;
import io.spry.runtime.operator.StreamOperator;

/**
 * Chooses the operator for a window spec. Today every spec runs in {@link WindowOperator}; this is
 * where a specialised operator would be chosen, e.g. a sliced one for an incremental aggregate over
 * sliding windows with the default trigger and no evictor.
 */
public final class WindowOperators {
  private WindowOperators() {}

  public static StreamOperator<?> create(WindowSpec spec) {
    return new WindowOperator<>(spec);
  }
}
