package io.spry.api.windowing.windows;

import io.spry.api.annotation.Public;
import java.io.Serializable;

/**
 * A group of records that a window function sees together. Windows are the namespace of window
 * state and timers, so they must implement {@code equals} and {@code hashCode}.
 */
@Public
public abstract class Window implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest timestamp that still belongs to this window; results are emitted with it. */
  public abstract long maxTimestamp();
}
