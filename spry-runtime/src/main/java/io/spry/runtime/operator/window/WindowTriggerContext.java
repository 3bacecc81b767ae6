package io.spry.runtime.operator.window;

import io.spry.api.state.State;
import io.spry.api.state.StateDescriptor;
import io.spry.api.types.TypeInfo;
import io.spry.api.windowing.triggers.Trigger;
import io.spry.runtime.operator.StreamOperator;
import io.spry.runtime.operator.timer.TimerService;
import io.spry.runtime.state.KeyedStateBackend;
import io.spry.runtime.state.NamespacedState;
import java.util.Collection;
import java.util.List;

/**
 * The trigger's view of the operator, scoped to the backend's current key and {@link #window}. One
 * instance per operator, re-pointed before each call; it is also the merge context.
 */
final class WindowTriggerContext<W> implements Trigger.OnMergeContext {
  private final StreamOperator<?> operator;
  private final KeyedStateBackend backend;
  private final TimerService<W> timers;
  private final TypeInfo<W> windowType;
  W window;
  Collection<W> mergedWindows = List.of();

  WindowTriggerContext(
      StreamOperator<?> operator,
      KeyedStateBackend backend,
      TimerService<W> timers,
      TypeInfo<W> windowType) {
    this.operator = operator;
    this.backend = backend;
    this.timers = timers;
    this.windowType = windowType;
  }

  @Override
  public long getCurrentProcessingTime() {
    return operator.getContext().clock().millis();
  }

  @Override
  public long getCurrentWatermark() {
    return operator.currentWatermark();
  }

  @Override
  public void registerProcessingTimeTimer(long time) {
    timers.registerProcessingTimeTimer(window, time);
  }

  @Override
  public void registerEventTimeTimer(long time) {
    timers.registerEventTimeTimer(window, time);
  }

  @Override
  public void deleteProcessingTimeTimer(long time) {
    timers.deleteProcessingTimeTimer(window, time);
  }

  @Override
  public void deleteEventTimeTimer(long time) {
    timers.deleteEventTimeTimer(window, time);
  }

  @Override
  public <S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor) {
    S state = backend.getOrCreateNamespacedState(descriptor, windowType);
    ((NamespacedState) state).setCurrentNamespace(window);
    return state;
  }

  @Override
  public <S extends State> void mergePartitionedState(StateDescriptor<S, ?> descriptor)
      throws Exception {
    if (!mergedWindows.isEmpty()) {
      S state = backend.getOrCreateNamespacedState(descriptor, windowType);
      ((NamespacedState) state).mergeNamespaces(window, mergedWindows);
    }
  }
}
