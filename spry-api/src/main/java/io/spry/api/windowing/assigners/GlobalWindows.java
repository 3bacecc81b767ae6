package io.spry.api.windowing.assigners;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.triggers.NeverTrigger;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.api.windowing.windows.GlobalWindow;
import java.util.Collection;
import java.util.List;

/**
 * One window per key that holds all its records and never ends. Its default trigger never fires:
 * set one ({@code trigger(CountTrigger.of(100))}), as {@code countWindow} does. The window's state
 * is never cleaned up by time; purge it with the trigger ({@code PurgingTrigger}) or bound it with
 * an evictor.
 */
@Public
public final class GlobalWindows extends WindowAssigner<Object, GlobalWindow> {
  private static final long serialVersionUID = 1L;
  private static final List<GlobalWindow> WINDOWS = List.of(GlobalWindow.get());

  private GlobalWindows() {}

  public static GlobalWindows create() {
    return new GlobalWindows();
  }

  @Override
  public Collection<GlobalWindow> assignWindows(
      Object element, long timestamp, WindowAssignerContext context) {
    return WINDOWS;
  }

  @Override
  public Trigger<Object, GlobalWindow> getDefaultTrigger() {
    return NeverTrigger.create();
  }

  @Override
  public boolean isEventTime() {
    return false;
  }

  @Override
  public String toString() {
    return "GlobalWindows()";
  }
}
