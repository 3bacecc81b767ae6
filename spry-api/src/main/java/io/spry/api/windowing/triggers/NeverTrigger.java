package io.spry.api.windowing.triggers;

import io.spry.api.annotation.Public;
import io.spry.api.windowing.windows.GlobalWindow;

/**
 * Never fires: the default trigger of {@code GlobalWindows}, which need a trigger of their own
 * (such as {@link CountTrigger}) to emit anything.
 */
@Public
public final class NeverTrigger extends Trigger<Object, GlobalWindow> {
  private static final long serialVersionUID = 1L;

  private NeverTrigger() {}

  public static NeverTrigger create() {
    return new NeverTrigger();
  }

  @Override
  public TriggerResult onElement(
      Object element, long timestamp, GlobalWindow window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onEventTime(long time, GlobalWindow window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public TriggerResult onProcessingTime(long time, GlobalWindow window, TriggerContext ctx) {
    return TriggerResult.CONTINUE;
  }

  @Override
  public boolean canMerge() {
    return true;
  }

  @Override
  public void onMerge(GlobalWindow window, OnMergeContext ctx) {}

  @Override
  public void clear(GlobalWindow window, TriggerContext ctx) {}

  @Override
  public String toString() {
    return "NeverTrigger";
  }
}
