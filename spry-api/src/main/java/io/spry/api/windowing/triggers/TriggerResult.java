package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;

/**
 * What a {@link Trigger} decides for a window: evaluate it, drop its contents, both, or neither.
 */
@Public
public enum TriggerResult {
  /** Nothing happens. */
  CONTINUE(false, false),
  /** The window function runs over the contents; the contents stay. */
  FIRE(true, false),
  /** The contents are dropped without evaluating them; the window itself lives on. */
  PURGE(false, true),
  /** The window function runs, then the contents are dropped. */
  FIRE_AND_PURGE(true, true);

  private final boolean fire;
  private final boolean purge;

  TriggerResult(boolean fire, boolean purge) {
    this.fire = fire;
    this.purge = purge;
  }

  public boolean isFire() {
    return fire;
  }

  public boolean isPurge() {
    return purge;
  }
}
