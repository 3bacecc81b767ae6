package io.spry.runtime.operator.window;

import io.spry.api.state.ListState;
import io.spry.api.windowing.evictors.Evictor;
import io.spry.api.windowing.evictors.TimestampedValue;
import io.spry.api.windowing.windows.Window;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The records of a window with an evictor, with their timestamps. On firing, the evictor removes
 * records before and after the window function; what remains is written back.
 */
final class EvictingContents<IN, W extends Window> extends WindowContents<IN, W> {
  private final ListState<TimestampedValue<IN>> state;
  private final Evictor<IN, W> evictor;
  private final Evictor.EvictorContext context;
  private List<TimestampedValue<IN>> firing;

  EvictingContents(
      ListState<TimestampedValue<IN>> state,
      Evictor<IN, W> evictor,
      Evictor.EvictorContext context) {
    super(state);
    this.state = state;
    this.evictor = evictor;
    this.context = context;
  }

  @Override
  void add(IN value, long timestamp) throws Exception {
    state.add(new TimestampedValue<>(value, timestamp));
  }

  @Override
  Iterable<?> beforeFire(W window) throws Exception {
    Iterator<TimestampedValue<IN>> it = state.get().iterator();
    if (!it.hasNext()) {
      return null;
    }
    firing = new ArrayList<>();
    it.forEachRemaining(firing::add);
    evictor.evictBefore(firing, firing.size(), window, context);
    return new Values<>(firing);
  }

  @Override
  void afterFire(W window) throws Exception {
    evictor.evictAfter(firing, firing.size(), window, context);
    state.update(firing);
    firing = null;
  }

  @Override
  void clear() {
    state.clear();
  }

  /** The values of timestamped records, as the window function sees them. */
  private record Values<T>(List<TimestampedValue<T>> records) implements Iterable<T> {
    @Override
    public Iterator<T> iterator() {
      Iterator<TimestampedValue<T>> it = records.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public T next() {
          return it.next().getValue();
        }
      };
    }
  }
}
